// A bar chart as inline SVG (no library, nothing loaded from elsewhere), with a value axis, its grid lines and each
// bar's value written on it.
const SVG = 'http://www.w3.org/2000/svg';

function el(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A round step for about four ticks up to max (1, 2 or 5 times a power of ten). */
function tickStep(max) {
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) || power * 10;
}

/**
 * bars: [{label, value, text}] with value a non-negative number (minor units); text is the value as shown.
 * format turns an axis value (minor units) into text. Returns an <svg> scaled to the largest value.
 */
export function barChart(bars, { title, labelEvery = 1, format = String } = {}) {
  const left = 64;
  const width = Math.max(360, bars.length * 28 + left + 10);
  const height = 240;
  const top = 20;
  const bottom = 40;
  const plot = height - top - bottom;
  const step = tickStep(Math.max(1, ...bars.map((b) => b.value)));
  const max = step * Math.max(1, Math.ceil(Math.max(1, ...bars.map((b) => b.value)) / step));
  const slot = (width - left - 10) / Math.max(1, bars.length);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title, class: 'chart' });
  svg.append(el('title', {}, title));
  for (let v = 0; v <= max; v += step) {
    const y = top + plot - Math.round((v / max) * plot);
    svg.append(el('line', { x1: left, y1: y, x2: width - 10, y2: y, class: v === 0 ? 'axis' : 'grid' }));
    svg.append(el('text', { x: left - 4, y: y + 3, 'text-anchor': 'end', class: 'tick' }, format(v)));
  }
  svg.append(el('line', { x1: left, y1: top, x2: left, y2: top + plot, class: 'axis' }));
  bars.forEach((b, i) => {
    const x = left + i * slot + slot * 0.15;
    const barHeight = Math.round((b.value / max) * plot);
    const g = el('g', { class: 'bar', 'data-label': b.label, 'data-value': b.value });
    g.append(el('title', {}, `${b.label}: ${b.text}`));
    g.append(el('rect', { x, y: top + plot - barHeight, width: Math.max(2, slot * 0.7), height: barHeight }));
    if (b.value > 0 && (bars.length <= 12 || barHeight > 0)) {
      g.append(el('text', { x: x + slot * 0.35, y: top + plot - barHeight - 4, 'text-anchor': 'middle', class: 'value' }, b.text));
    }
    if (i % labelEvery === 0) {
      g.append(el('text', { x: x + slot * 0.35, y: top + plot + 16, 'text-anchor': 'middle', class: 'label' }, b.label));
    }
    svg.append(g);
  });
  return svg;
}
