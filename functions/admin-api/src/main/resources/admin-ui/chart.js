// A bar chart as inline SVG (no library, nothing loaded from elsewhere).
const SVG = 'http://www.w3.org/2000/svg';

function el(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * bars: [{label, value, text}] with value a non-negative number (minor units); text is what a bar
 * says when hovered and under its label. Returns an <svg> scaled to the largest value.
 */
export function barChart(bars, { title, labelEvery = 1 } = {}) {
  const width = Math.max(320, bars.length * 28 + 40);
  const height = 220;
  const top = 20;
  const bottom = 40;
  const plot = height - top - bottom;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const step = (width - 40) / Math.max(1, bars.length);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title, class: 'chart' });
  svg.append(el('title', {}, title));
  svg.append(el('line', { x1: 30, y1: top + plot, x2: width - 10, y2: top + plot, class: 'axis' }));
  bars.forEach((b, i) => {
    const x = 30 + i * step + step * 0.15;
    const barHeight = Math.round((b.value / max) * plot);
    const g = el('g', { class: 'bar', 'data-label': b.label, 'data-value': b.value });
    g.append(el('title', {}, `${b.label}: ${b.text}`));
    g.append(el('rect', { x, y: top + plot - barHeight, width: Math.max(2, step * 0.7), height: barHeight }));
    if (b.value > 0 && bars.length <= 12) {
      g.append(el('text', { x: x + step * 0.35, y: top + plot - barHeight - 4, 'text-anchor': 'middle', class: 'value' }, b.text));
    }
    if (i % labelEvery === 0) {
      g.append(el('text', { x: x + step * 0.35, y: top + plot + 16, 'text-anchor': 'middle', class: 'label' }, b.label));
    }
    svg.append(g);
  });
  return svg;
}
