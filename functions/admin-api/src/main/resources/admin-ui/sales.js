// Sales per day and per provider, added up from the orders list in exact minor units, one currency at a time.
import { allOrders } from './api.js';
import { barChart } from './chart.js';
import { decimals, fromMinor, h } from './dom.js';
import { t } from './i18n.js';

/** Statuses in which the buyer's money stayed with the seller (refunds are taken off). */
const PAID = new Set(['paid', 'done', 'disputed', 'partially_refunded']);
const DAYS = 30;

function dayKey(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function charts(orders, currency) {
  const mine = orders.filter((o) => o.amount.currency === currency);
  const digits = decimals(mine[0].amount);
  const text = (minor) => fromMinor(minor, digits);
  const perDay = new Map();
  const today = new Date();
  for (let i = DAYS - 1; i >= 0; i--) {
    perDay.set(dayKey(new Date(today.getFullYear(), today.getMonth(), today.getDate() - i)), 0);
  }
  const perProvider = new Map();
  for (const o of mine) {
    const net = o.amount.minor - (o.refundedMinor || 0);
    const day = dayKey(new Date(o.createdAt));
    if (perDay.has(day)) perDay.set(day, perDay.get(day) + net);
    perProvider.set(o.provider, (perProvider.get(o.provider) || 0) + net);
  }
  const total = mine.reduce((sum, o) => sum + o.amount.minor - (o.refundedMinor || 0), 0);
  return [
    h('p', { class: 'total' }, `${text(total)} ${currency} · ${t('sales.orders', { count: mine.length })}`),
    h('h3', {}, t('sales.perDay')),
    barChart([...perDay].map(([day, v]) => ({ label: day.slice(5), value: v, text: text(v) })),
      { title: `${t('sales.perDay')} (${currency})`, labelEvery: 5 }),
    h('h3', {}, t('sales.perProvider')),
    barChart([...perProvider].sort((a, b) => b[1] - a[1]).map(([p, v]) => ({ label: p, value: v, text: text(v) })),
      { title: `${t('sales.perProvider')} (${currency})` }),
  ];
}

export async function salesScreen() {
  const paid = (await allOrders()).filter((o) => PAID.has(o.status) && o.amount);
  const section = h('section', { id: 'sales' }, h('h2', {}, t('sales.title')), h('p', { class: 'muted' }, t('sales.intro')));
  if (!paid.length) {
    section.append(h('p', { class: 'empty' }, t('sales.none')));
    return section;
  }
  const counts = new Map();
  paid.forEach((o) => counts.set(o.amount.currency, (counts.get(o.amount.currency) || 0) + 1));
  const currencies = [...counts].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  const body = h('div', { id: 'sales-charts' }, charts(paid, currencies[0]));
  const choose = h('select', { name: 'currency' }, currencies.map((c) => h('option', { value: c }, c)));
  choose.addEventListener('change', () => body.replaceChildren(...charts(paid, choose.value)));
  section.append(h('form', { class: 'inline' }, h('label', {}, t('sales.currency'), choose)), body);
  return section;
}
