// The statistics page's charts, drawn with ECharts (served by the app from its webjar) from a file of
// the app's own: the Content-Security-Policy runs no inline script. Each chart container
// (.echart[data-chart]) names the <script type="application/json"> that holds its chart, as
// StatisticsCharts writes it: kind (bar, line, sankey), categories and series, or nodes and links,
// with their labels in the page's language and colours by name (--chart-* in statistics.css). The
// table under each chart keeps every number; once its chart is drawn it folds behind "查看数据表".
(() => {
  'use strict';

  const css = () => getComputedStyle(document.documentElement);
  const colour = name => css().getPropertyValue('--chart-' + name).trim() || '#52606d';
  const locale = (document.documentElement.lang || 'zh').toLowerCase().startsWith('en') ? 'EN' : 'ZH';
  const reducedMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  /** How wide the labels of a horizontal chart's categories may be before they wrap. */
  const labelWidth = width => Math.max(72, Math.min(220, Math.round(width * 0.34)));
  const isInteger = v => v === null || v === undefined || Number.isInteger(v);
  const hideZero = p => (p.value === null || p.value === undefined || p.value === 0 || p.value === '-') ? '' : p.value;

  function common() {
    return {
      animation: !reducedMotion,
      animationDuration: 400,
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily, color: colour('ink') },
      tooltip: { confine: true }
    };
  }

  function legend(spec) {
    return {
      show: spec.series.length > 1, bottom: 0, left: 'center', icon: 'roundRect', itemWidth: 14, itemHeight: 10,
      itemGap: 14, textStyle: { color: colour('muted'), fontSize: 12 }
    };
  }

  /** A bar or line chart: vertical with the school years along the bottom, or horizontal for long names. */
  function cartesian(spec, width) {
    const narrow = width < 560;
    const count = spec.categories.length;
    const integers = spec.series.every(s => s.values.every(isInteger));
    const hasLegend = spec.series.length > 1;
    const line = spec.kind === 'line';
    const category = {
      type: 'category', data: spec.categories, inverse: spec.horizontal, boundaryGap: !line,
      axisTick: { show: false }, axisLine: { lineStyle: { color: colour('line') } },
      axisLabel: spec.horizontal
        ? { width: labelWidth(width), overflow: 'break', lineHeight: 15, color: colour('ink'), fontSize: narrow ? 12 : 13 }
        : { interval: 0, hideOverlap: true, color: colour('ink'), fontSize: 12,
            width: Math.max(48, Math.floor((width - 60) / Math.max(count, 1)) - 4), overflow: 'break' }
    };
    const value = {
      type: 'value', minInterval: integers ? 1 : 0, name: spec.unit, nameGap: 8,
      nameTextStyle: { color: colour('muted'), align: spec.horizontal ? 'left' : 'center' },
      axisLabel: { color: colour('muted') }, splitLine: { lineStyle: { color: colour('line') } }
    };
    if (spec.horizontal) {
      value.nameLocation = 'end';
      value.name = '';
    }
    const series = spec.series.map(s => {
      const one = {
        name: s.name, type: spec.kind,
        data: s.values.map((v, i) => s.colours ? { value: v, itemStyle: { color: colour(s.colours[i]) } } : v),
        itemStyle: { color: colour(s.colour) },
        emphasis: { focus: 'series' }
      };
      if (line) {
        Object.assign(one, {
          symbol: 'circle', symbolSize: 8, lineStyle: { width: 3, color: colour(s.colour) },
          label: { show: true, position: 'top', color: colour('ink'), fontSize: 12 }
        });
      } else if (spec.stacked) {
        Object.assign(one, {
          stack: 'total', barMaxWidth: 32,
          label: { show: true, position: 'inside', color: '#fff', fontSize: 12, formatter: hideZero }
        });
      } else {
        Object.assign(one, {
          barMaxWidth: 32,
          label: { show: true, position: spec.horizontal ? 'right' : 'top', color: colour('ink'), fontSize: 12,
            formatter: p => (p.value === null || p.value === undefined || p.value === '-') ? '—' : p.value }
        });
      }
      return one;
    });
    return Object.assign(common(), {
      legend: legend(spec),
      grid: {
        left: 8, right: spec.horizontal && !spec.stacked ? 44 : 20, top: spec.horizontal ? 12 : 36,
        bottom: hasLegend ? 34 : 8, containLabel: true
      },
      tooltip: { trigger: 'axis', confine: true, axisPointer: { type: line ? 'line' : 'shadow' },
        valueFormatter: v => (v === null || v === undefined ? '—' : v) + (spec.unit ? ' ' + spec.unit : '') },
      xAxis: spec.horizontal ? value : category,
      yAxis: spec.horizontal ? category : value,
      series: series
    });
  }

  /** The Sankey diagram: dispatching schools on the left, receiving schools on the right, labels facing inwards. */
  function sankey(spec, width) {
    const labels = {};
    spec.nodes.forEach(n => { labels[n.id] = n.label; });
    const unit = spec.unit ? ' ' + spec.unit : '';
    // a school's person-times: what it sends (dispatching side) or receives (receiving side)
    const totals = {};
    spec.links.forEach(l => {
      totals[l.source] = (totals[l.source] || 0) + l.value;
      totals[l.target] = (totals[l.target] || 0) + l.value;
    });
    return Object.assign(common(), {
      tooltip: {
        trigger: 'item', confine: true,
        formatter: p => p.dataType === 'edge'
          ? labels[p.data.source] + ' → ' + labels[p.data.target] + '：' + p.data.value + unit
          : labels[p.name] + '：' + totals[p.name] + unit
      },
      series: [{
        type: 'sankey', left: 8, right: 8, top: 8, bottom: 8, nodeWidth: 14, nodeGap: 14, draggable: false,
        layoutIterations: 64,
        data: spec.nodes.map(n => ({
          name: n.id, value: totals[n.id] || 0, itemStyle: { color: colour(n.colour), borderWidth: 0 },
          label: { position: n.dispatching ? 'right' : 'left', align: n.dispatching ? 'left' : 'right' }
        })),
        links: spec.links.map(l => ({ source: l.source, target: l.target, value: l.value })),
        lineStyle: { color: 'source', opacity: 0.35, curveness: 0.5 },
        emphasis: { focus: 'adjacency', lineStyle: { opacity: 0.6 } },
        label: {
          color: colour('ink'), fontSize: width < 560 ? 12 : 13, width: labelWidth(width) - 8, overflow: 'break',
          lineHeight: 15, formatter: p => labels[p.name] + ' ' + totals[p.name]
        }
      }]
    });
  }

  /** The chart's height: enough for every bar or school, its labels and its legend. */
  function height(spec, width) {
    const narrow = width < 560;
    if (spec.kind === 'sankey') {
      const left = spec.nodes.filter(n => n.dispatching).length;
      const right = spec.nodes.length - left;
      return Math.max(220, Math.max(left, right) * (narrow ? 52 : 44) + 24);
    }
    const legendRoom = spec.series.length > 1 ? 34 : 0;
    if (spec.horizontal) {
      return Math.max(140, spec.categories.length * (narrow ? 48 : 38) + 44 + legendRoom);
    }
    return (narrow ? 260 : 300) + legendRoom;
  }

  function option(spec, width) {
    return spec.kind === 'sankey' ? sankey(spec, width) : cartesian(spec, width);
  }

  function draw(container) {
    const data = document.getElementById(container.dataset.chart);
    if (!data) return null;
    const spec = JSON.parse(data.textContent);
    container.hidden = false;
    const width = container.clientWidth;
    container.style.height = height(spec, width) + 'px';
    const chart = echarts.init(container, null, { renderer: 'svg', locale: locale });
    chart.on('finished', () => { container.dataset.rendered = 'true'; });
    chart.setOption(option(spec, width));
    container.dataset.width = width;
    // the table is one click away ("查看数据表"); without this script it stays open
    const details = container.parentElement.querySelector('details.data-table');
    if (details) details.open = false;
    return { container, chart, spec, width };
  }

  document.addEventListener('DOMContentLoaded', () => {
    if (typeof echarts === 'undefined') return;
    const charts = Array.from(document.querySelectorAll('.echart[data-chart]')).map(draw).filter(c => c);
    let pending = null;
    window.addEventListener('resize', () => {
      clearTimeout(pending);
      pending = setTimeout(() => charts.forEach(c => {
        const width = c.container.clientWidth;
        if (width === c.width) return;
        c.width = width;
        c.container.style.height = height(c.spec, width) + 'px';
        c.container.dataset.rendered = 'false';
        c.chart.setOption(option(c.spec, width), true);
        c.chart.resize();
        c.container.dataset.width = width;
      }), 150);
    });
  });
})();
