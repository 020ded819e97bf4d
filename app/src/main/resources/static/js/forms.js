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
});
