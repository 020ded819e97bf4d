// The pages' few behaviours, from a file of the app's own: the Content-Security-Policy runs no
// inline script or handler.
document.addEventListener('DOMContentLoaded', () => {
  // a select that filters its page submits its form when changed
  document.querySelectorAll('select[data-autosubmit]').forEach(s =>
    s.addEventListener('change', () => s.form.submit()));
  // a form that asks first (withdrawing an application)
  document.querySelectorAll('form[data-confirm]').forEach(f =>
    f.addEventListener('submit', e => { if (!confirm(f.dataset.confirm)) e.preventDefault(); }));
  // a double click sends one form: its buttons are disabled once it is on its way (the server de-duplicates too)
  document.querySelectorAll('form[data-once]').forEach(f =>
    f.addEventListener('submit', () => f.querySelectorAll('button[type=submit]').forEach(b => b.disabled = true)));
  // the inbox's bulk decision: select all, "已选 N 项", and a confirmation listing the cases
  document.querySelectorAll('form[data-bulk]').forEach(form => {
    const boxes = () => Array.from(form.querySelectorAll('input[name=taskId]'));
    const all = form.querySelector('#select-all');
    const count = document.getElementById('selected-count');
    const dialog = document.getElementById('bulk-confirm');
    const update = () => {
      const chosen = boxes().filter(b => b.checked).length;
      if (count) count.textContent = count.dataset.template.replace('{n}', chosen);
      if (all) {
        all.checked = chosen > 0 && chosen === boxes().length;
        all.indeterminate = chosen > 0 && chosen < boxes().length;
      }
    };
    if (all && boxes().length > 0) {
      all.hidden = false;
      all.addEventListener('change', () => { boxes().forEach(b => b.checked = all.checked); update(); });
    }
    boxes().forEach(b => b.addEventListener('change', update));
    update();
    let confirmed = false;
    form.addEventListener('submit', e => {
      if (confirmed || !dialog || typeof dialog.showModal !== 'function') return;
      e.preventDefault();
      const chosen = boxes().filter(b => b.checked);
      const list = document.getElementById('bulk-confirm-list');
      list.replaceChildren(...chosen.map(b => { const li = document.createElement('li'); li.textContent = b.dataset.case; return li; }));
      const title = document.getElementById('bulk-confirm-title');
      title.textContent = title.dataset.template.replace('{n}', chosen.length);
      if (chosen.length === 0) { confirmed = true; form.submit(); return; } // the server says that nothing was chosen
      dialog.showModal();
    });
    document.getElementById('bulk-cancel')?.addEventListener('click', () => dialog.close());
    document.getElementById('bulk-confirm-ok')?.addEventListener('click', () => {
      confirmed = true;
      dialog.close();
      form.querySelectorAll('button[type=submit]').forEach(b => b.disabled = true);
      form.submit();
    });
  });
  // 常用语: a phrase clicked goes into the opinion it stands by (shown only where the form has one)
  document.querySelectorAll('[data-phrases-for]').forEach(bar => {
    const target = document.getElementById(bar.dataset.phrasesFor);
    if (!target) return;
    bar.hidden = false;
    bar.querySelectorAll('button[data-phrase]').forEach(b => b.addEventListener('click', () => {
      const phrase = b.dataset.phrase;
      target.value = target.value.trim() === '' ? phrase : target.value.replace(/\s+$/, '') + phrase;
      target.dispatchEvent(new Event('input', { bubbles: true }));
      target.focus();
    }));
  });
  // a handwritten signature drawn with a finger or the mouse, sent as a PNG
  document.querySelectorAll('canvas[data-signature-pad]').forEach(canvas => {
    const ctx = canvas.getContext('2d');
    ctx.lineWidth = 3; ctx.lineCap = 'round'; ctx.lineJoin = 'round'; ctx.strokeStyle = '#111';
    let drawing = false, drawn = false;
    const at = e => { const r = canvas.getBoundingClientRect();
      return [(e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height]; };
    canvas.addEventListener('pointerdown', e => { drawing = true; drawn = true; canvas.setPointerCapture(e.pointerId);
      const [x, y] = at(e); ctx.beginPath(); ctx.moveTo(x, y); e.preventDefault(); });
    canvas.addEventListener('pointermove', e => { if (!drawing) return; const [x, y] = at(e); ctx.lineTo(x, y); ctx.stroke();
      e.preventDefault(); });
    ['pointerup', 'pointercancel'].forEach(t => canvas.addEventListener(t, () => { drawing = false; }));
    document.getElementById('signature-clear')?.addEventListener('click', () => {
      ctx.clearRect(0, 0, canvas.width, canvas.height); drawn = false; });
    canvas.closest('form').addEventListener('submit', e => {
      if (!drawn) { e.preventDefault(); return; }
      document.getElementById('signature-drawing').value = canvas.toDataURL('image/png');
    });
  });
  // a case's details fold on a phone and stand open on a wide screen
  if (window.matchMedia('(min-width: 760px)').matches) {
    document.querySelectorAll('details.fold').forEach(d => d.open = true);
  }
  // the process diagram opens at the case's current step (or what comes next); refreshing the case's
  // progress (htmx, every 20 s) keeps it open or shut and scrolled as the reader left it
  const centre = details => {
    const box = details.querySelector('.diagram-scroll');
    if (!box) return;
    if (details.dataset.scroll !== undefined) {
      box.scrollLeft = Number(details.dataset.scroll);
      delete details.dataset.scroll;
      return;
    }
    const step = box.querySelector('.node.current') || box.querySelector('.node.next');
    if (!step) return;
    const b = box.getBoundingClientRect();
    const s = step.getBoundingClientRect();
    box.scrollLeft += (s.left + s.width / 2) - (b.left + b.width / 2);
  };
  document.addEventListener('toggle', e => {
    if (e.target.matches && e.target.matches('details.diagram-box') && e.target.open) centre(e.target);
  }, true);
  document.querySelectorAll('details.diagram-box[open]').forEach(centre);
  let diagram = null;
  document.body.addEventListener('htmx:beforeSwap', () => {
    const d = document.getElementById('diagram');
    diagram = d ? {open: d.open, scroll: d.querySelector('.diagram-scroll')?.scrollLeft || 0} : null;
  });
  document.body.addEventListener('htmx:afterSwap', () => {
    const d = document.getElementById('diagram');
    if (!d || !diagram) return;
    d.dataset.scroll = diagram.scroll;
    if (d.open === diagram.open && d.open) centre(d);
    d.open = diagram.open;
  });
  // a negative decision (不同意, 不同意接收) is confirmed before it is sent
  document.querySelectorAll('form[data-confirm-negative]').forEach(f =>
    f.addEventListener('submit', e => {
      const chosen = f.querySelector('input[name=decision]:checked');
      if (chosen && chosen.closest('label.negative')) {
        const label = chosen.closest('label').textContent.trim();
        if (!confirm(f.dataset.confirmNegative.replace('{0}', label))) {
          e.preventDefault();
          e.stopImmediatePropagation();
          f.querySelectorAll('button[type=submit]').forEach(b => b.disabled = false);
        }
      }
    }, true));
  // every field error is tied to its field for screen readers, on every form (the field just before it)
  document.querySelectorAll('.field-error').forEach((error, i) => {
    let control = null;
    for (let el = error.previousElementSibling; el && !control; el = el.previousElementSibling) {
      control = el.matches('input, select, textarea, fieldset') ? el : el.querySelector('input, select, textarea');
    }
    if (!control || control.getAttribute('aria-invalid') === 'true') return;
    if (!error.id) error.id = 'field-error-' + i;
    control.setAttribute('aria-invalid', 'true');
    const described = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    if (!described.includes(error.id)) control.setAttribute('aria-describedby', described.concat(error.id).join(' '));
  });
  // a Camunda Form's dynamic list: one more item from its blank template, numbered after the last
  document.querySelectorAll('fieldset.form-list').forEach(list => {
    const button = list.querySelector('button[data-add-item]');
    const template = list.querySelector('template');
    const items = list.querySelector('.form-list-items');
    if (!button || !template || !items) return;
    const limit = parseInt(list.dataset.limit || '100', 10);
    button.addEventListener('click', () => {
      const count = items.querySelectorAll('.form-list-item').length;
      if (count >= limit) return;
      let next = count;
      items.querySelectorAll('[name]').forEach(el => {
        const m = /\[(\d+)\]\./.exec(el.name);
        if (m) next = Math.max(next, parseInt(m[1], 10) + 1);
      });
      const html = template.innerHTML.replaceAll('__i__', String(next));
      items.insertAdjacentHTML('beforeend', html);
      items.lastElementChild?.querySelector('input, select, textarea')?.focus();
    });
  });
  // after a refused submission the first field in error has the focus
  const invalid = document.querySelector('[aria-invalid=true]:is(input, textarea, select)');
  if (invalid) invalid.focus();
});
