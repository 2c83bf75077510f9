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

/**
 * A table with a header row of translated column keys and one row per item. A column is a key, or
 * {key, cls} whose class every cell of that column gets (the CSS hides class "opt" on a phone).
 */
export function table(columns, rows, rowAttrs = () => ({})) {
  const cols = columns.map((c) => (typeof c === 'string' ? { key: c } : c));
  return h('table', {},
    h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col', class: c.cls }, t(c.key))))),
    h('tbody', {}, rows.map((r) => h('tr', rowAttrs(r), r.map((cell, i) => h('td', { class: cols[i] && cols[i].cls }, cell))))));
}

/** A form's error line: empty until show(message); the form's own errors appear here, beside it. */
export function errorLine() {
  const p = h('p', { class: 'form-error', role: 'alert' });
  return { el: p, show: (message) => { p.textContent = message; }, clear: () => { p.textContent = ''; } };
}

/** A label with a control inside it. */
export function field(label, control) {
  return h('label', {}, label, control);
}

/** Runs fn and shows a failure in the line (or the notice bar), so that no button fails silently. */
export async function attempt(fn, line) {
  if (line) line.clear();
  try {
    return await fn();
  } catch (err) {
    if (line) line.show(t('error', { message: err.message }));
    else notify(t('error', { message: err.message }), 'error');
    return undefined;
  }
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
