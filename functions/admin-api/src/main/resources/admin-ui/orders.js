// The orders list: every filter the API has, applied by the server; totals for the same filter from /insights;
// the filtered list exported (CSV or NDJSON) through /export.
import { api, apiText, withQuery } from './api.js';
import { attempt, errorLine, field, h, money, statusBadge, table, when } from './dom.js';
import { t } from './i18n.js';
import { totalsOf } from './order-totals.js';

import { providerRef } from './order.js';

export { orderScreen } from './order.js';
export const STATUSES = ['pending', 'failed', 'paid', 'done', 'disputed', 'partially_refunded', 'refunded', 'canceled'];
export const PROVIDERS = ['kofi', 'bmc', 'xsolla', 'stripe', 'shopify'];
const EXPORT_PAGES = 50; // at most 50,000 rows in one download; the rest by narrowing the dates

/** The filter the seller set, kept while they open an order and come back. */
const filter = {};

function testMarker(o) {
  return o.test ? h('span', { class: 'tag test-marker' }, t('order.test')) : '';
}

function orderRows(orders) {
  return table([{ key: 'col.created', cls: 'opt' }, 'col.order', { key: 'col.provider', cls: 'opt' },
    { key: 'col.buyer', cls: 'opt' }, 'col.amount', 'col.status'],
  orders.map((o) => [
    when(o.createdAt),
    [h('a', { href: `#/orders/${o.orderId}` }, o.orderId), testMarker(o), h('span', { class: 'ref provider-ref' }, providerRef(o))],
    o.provider,
    o.buyer.name || o.buyer.email || '',
    h('span', { class: 'amount' }, money(o.amount)),
    statusBadge(o.status),
  ]), (r) => ({ class: 'order-row' }));
}

function control(name, attrs = {}) {
  const input = h('input', { name, value: filter[name] || '', ...attrs });
  return input;
}

function choice(name, options, text) {
  return h('select', { name }, h('option', { value: '' }, t('orders.all')),
    options.map((v) => h('option', { value: v, selected: filter[name] === v }, text(v))));
}

/** Currencies without minor units, whose amounts the API counts in whole units. */
const NO_DECIMALS = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX', 'PYG', 'XAF', 'XOF', 'XPF']);

/** The API's query for the filter; amounts are typed as decimals and sent in minor units of the currency. */
export function query(f) {
  const scale = NO_DECIMALS.has(f.currency) ? 1 : 100;
  const minor = (v) => (v === undefined || v === '' ? undefined : Math.round(Number(v) * scale));
  return {
    status: f.status, provider: f.provider, email: f.email, q: f.q, tag: f.tag, currency: f.currency,
    from: f.from, to: f.to, amountMin: minor(f.amountMin), amountMax: minor(f.amountMax), test: f.test,
  };
}

async function download(format, line) {
  await attempt(async () => {
    const parts = [];
    let cursor = null;
    let pages = 0;
    do {
      const page = await apiText(withQuery('/export', { type: 'orders', format, ...query(filter), cursor }));
      // Every CSV page starts with the header row: keep the first page's only.
      parts.push(format === 'csv' && pages > 0 ? page.text.slice(page.text.indexOf('\n') + 1) : page.text);
      cursor = page.next;
      pages += 1;
    } while (cursor && pages < EXPORT_PAGES);
    const blob = new Blob(parts, { type: format === 'csv' ? 'text/csv' : 'application/x-ndjson' });
    const a = h('a', { href: URL.createObjectURL(blob), download: `orders.${format === 'csv' ? 'csv' : 'ndjson'}` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }, line);
}

export async function ordersScreen() {
  const list = h('div', { id: 'order-list' });
  const totals = h('div', { id: 'order-totals', class: 'card' });
  const more = h('button', { type: 'button', id: 'more', class: 'secondary', hidden: true }, t('orders.more'));
  const line = errorLine();
  let shown = [];
  let next = null;

  let latest = 0; // a slower answer to an older filter must not replace a newer one
  async function load(reset) {
    const mine = reset ? ++latest : latest;
    const page = await api('GET', withQuery('/orders', { limit: 50, ...query(filter), cursor: reset ? undefined : next }));
    if (mine !== latest) return false;
    shown = reset ? page.orders : shown.concat(page.orders);
    next = page.next;
    more.hidden = !next;
    list.replaceChildren(h('p', { class: 'muted count' }, t(next ? 'orders.countMore' : 'orders.count', { count: shown.length })),
      shown.length ? orderRows(shown) : h('p', { class: 'empty' }, t('orders.empty')));
  }

  async function refresh() {
    await attempt(async () => {
      if (await load(true) === false) return;
      const mine = latest;
      const parts = await totalsOf(filter);
      if (mine === latest) totals.replaceChildren(...parts);
    }, line);
  }
  more.addEventListener('click', () => attempt(() => load(false), line));

  const form = h('form', { class: 'inline filters', id: 'order-filters' },
    field(t('orders.search'), control('q', { type: 'search', maxlength: 100, placeholder: t('orders.searchHint') })),
    field(t('orders.status'), choice('status', STATUSES, (s) => t(`status.${s}`))),
    field(t('orders.provider'), choice('provider', PROVIDERS, (p) => p)),
    field(t('orders.email'), control('email', { type: 'email', maxlength: 254 })),
    field(t('orders.tag'), control('tag', { maxlength: 100 })),
    field(t('orders.from'), control('from', { type: 'date' })),
    field(t('orders.to'), control('to', { type: 'date' })),
    field(t('orders.amountMin'), control('amountMin', { type: 'number', min: 0, step: '0.01' })),
    field(t('orders.amountMax'), control('amountMax', { type: 'number', min: 0, step: '0.01' })),
    field(t('orders.currency'), control('currency', { maxlength: 3, pattern: '[A-Za-z]{3}', size: 4 })),
    field(t('orders.test'), h('select', { name: 'test' },
      [['', 'orders.testAll'], ['false', 'orders.testLive'], ['true', 'orders.testOnly']]
        .map(([v, k]) => h('option', { value: v, selected: (filter.test || '') === v }, t(k))))),
    h('button', { type: 'submit' }, t('orders.apply')),
    h('button', { type: 'reset', class: 'secondary' }, t('orders.clear')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    for (const el of form.elements) {
      if (el.name) filter[el.name] = el.name === 'currency' ? el.value.trim().toUpperCase() : el.value.trim();
    }
    refresh();
  });
  form.addEventListener('reset', (e) => {
    // A form's reset would bring back the filter the screen was drawn with: every field is emptied instead.
    e.preventDefault();
    for (const el of form.elements) if (el.name) el.value = '';
    Object.keys(filter).forEach((k) => delete filter[k]);
    refresh();
  });

  const exports = h('div', { class: 'toolbar' },
    h('span', { class: 'muted' }, t('orders.export')),
    h('button', { type: 'button', id: 'export-csv', class: 'secondary', onclick: () => download('csv', line) }, 'CSV'),
    h('button', { type: 'button', id: 'export-ndjson', class: 'secondary', onclick: () => download('ndjson', line) }, 'NDJSON'));
  await refresh();
  return h('section', { id: 'orders' }, h('h2', {}, t('orders.title')), form, line.el, totals, exports, h('div', { class: 'scroll' }, list), more);
}
