// Sales over any date range, computed by the server (/insights: live orders only, every order of the range), per
// day and per provider, one currency at a time; money stays in exact minor units.
import { barChart } from './chart.js';
import { attempt, field, h } from './dom.js';
import { t } from './i18n.js';
import { daysBefore, insights, tomorrow } from './insights.js';
import { amount } from './order-totals.js';

const range = { from: '', to: '' };
const MAX_BARS = 92; // a longer range is drawn per month

function net(totals, currency) {
  const m = totals.byCurrency[currency];
  return m ? m.netMinor : 0;
}

/** Per-day groups turned into bars per day, or per month for a long range; days without orders are bars of 0. */
function timeBars(groups, from, to, currency) {
  const days = [];
  for (let d = from; d < to; d = daysBefore(d, -1)) days.push(d);
  const perMonth = days.length > MAX_BARS;
  const sums = new Map();
  for (const d of days) {
    const key = perMonth ? d.slice(0, 7) : d;
    sums.set(key, (sums.get(key) || 0) + (groups.has(d) ? net(groups.get(d), currency) : 0));
  }
  return { perMonth, bars: [...sums].map(([k, v]) => ({ label: perMonth ? k : k.slice(5), value: Math.max(0, v), text: amount(v, currency) })) };
}

async function charts(body, choose) {
  const from = range.from;
  const to = range.to;
  const [byDay, byProvider] = await Promise.all([insights(from, to, { groupBy: 'day' }), insights(from, to, { groupBy: 'provider' })]);
  const currencies = Object.entries(byDay.totals.byCurrency).sort((a, b) => b[1].orders - a[1].orders).map(([c]) => c);
  if (!currencies.length) {
    body.replaceChildren(h('p', { class: 'empty' }, t('sales.none')));
    choose.replaceChildren();
    return;
  }
  const keep = currencies.includes(choose.value) ? choose.value : currencies[0];
  choose.replaceChildren(...currencies.map((c) => h('option', { value: c, selected: c === keep }, c)));
  const draw = (currency) => {
    const m = byDay.totals.byCurrency[currency];
    const time = timeBars(byDay.groups, from, to, currency);
    const format = (v) => amount(v, currency).replace(` ${currency}`, '');
    body.replaceChildren(
      h('p', { class: 'total' }, `${amount(m.netMinor, currency)} · ${t('sales.orders', { count: m.orders })}`),
      h('p', { class: 'muted' }, t('sales.grossRefunded', { gross: amount(m.grossMinor, currency), refunded: amount(m.refundedMinor, currency) })),
      h('h3', {}, t(time.perMonth ? 'sales.perMonth' : 'sales.perDay')),
      h('div', { class: 'scroll' }, barChart(time.bars, { title: `${t('sales.perDay')} (${currency})`, labelEvery: Math.ceil(time.bars.length / 12), format })),
      h('h3', {}, t('sales.perProvider')),
      h('div', { class: 'scroll' }, barChart([...byProvider.groups].map(([p, g]) => ({ label: p, value: Math.max(0, net(g, currency)), text: amount(net(g, currency), currency) }))
        .filter((b) => b.value > 0).sort((a, b) => b.value - a.value), { title: `${t('sales.perProvider')} (${currency})`, format })));
  };
  choose.onchange = () => draw(choose.value);
  draw(keep);
}

export async function salesScreen() {
  if (!range.to) {
    range.to = tomorrow();
    range.from = daysBefore(range.to, 30);
  }
  const from = h('input', { type: 'date', name: 'from', value: range.from, required: true });
  const to = h('input', { type: 'date', name: 'to', value: range.to, required: true });
  const choose = h('select', { name: 'currency' });
  const body = h('div', { id: 'sales-charts' });
  const form = h('form', { class: 'inline', id: 'sales-range' },
    field(t('sales.from'), from), field(t('sales.to'), to), h('button', { type: 'submit' }, t('sales.show')),
    field(t('sales.currency'), choose));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (from.value >= to.value) return;
    range.from = from.value;
    range.to = to.value;
    await attempt(() => charts(body, choose));
  });
  await charts(body, choose);
  return h('section', { id: 'sales' }, h('h2', {}, t('sales.title')), h('p', { class: 'muted' }, t('sales.intro')), form, body);
}
