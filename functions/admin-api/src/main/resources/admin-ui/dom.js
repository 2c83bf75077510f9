// Small DOM helpers. Data from the API is only ever set as text, never parsed as HTML.
import { language, t } from './i18n.js';

/** h('a', {href: '#/x', onclick: fn}, 'text', child…): an element with attributes, handlers and children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** A table with a header row of translated column keys and one row per item. */
export function table(columns, rows, rowAttrs = () => ({})) {
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, t(c))))),
    h('tbody', {}, rows.map((r) => h('tr', rowAttrs(r), r.map((cell) => h('td', {}, cell))))));
}

/** "3.00 USD" from the API's {minor, currency, decimal}; empty without an amount. */
export function money(amount) {
  return amount ? `${amount.decimal} ${amount.currency}` : '';
}

export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(language() === 'ko' ? 'ko-KR' : 'en-GB');
}

export function statusBadge(status) {
  return h('span', { class: `status status-${status}`, dataset: { status } }, t(`status.${status}`));
}

/** Shows a message in the notice bar; kind 'error' or 'ok'. */
export function notify(message, kind = 'ok') {
  const n = document.getElementById('notice');
  n.textContent = message;
  n.className = kind;
  n.hidden = false;
}

export function clearNotice() {
  document.getElementById('notice').hidden = true;
}

/** How many decimals the API's {decimal} string of an amount has ("3.00" → 2, "1500" → 0). */
export function decimals(amount) {
  const d = amount && amount.decimal;
  return d && d.includes('.') ? d.length - d.indexOf('.') - 1 : 0;
}

/** Minor units as a decimal string with the currency's decimals, exactly (integers only, no floating point). */
export function fromMinor(minor, digits) {
  const negative = minor < 0;
  const s = String(Math.abs(minor)).padStart(digits + 1, '0');
  const text = digits ? `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}` : s;
  return negative ? `-${text}` : text;
}
