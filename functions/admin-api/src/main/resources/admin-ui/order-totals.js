// The totals of the orders list's filter, computed by the server (/insights with the same filter).
import { h, fromMinor } from './dom.js';
import { t } from './i18n.js';
import { daysBefore, insights, tomorrow } from './insights.js';

/** Minor units as decimals: the currency's digits are not in /insights, so the common ones are known here. */
const NO_DECIMALS = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX', 'PYG', 'XAF', 'XOF', 'XPF']);
export function amount(minor, currency) {
  return `${fromMinor(minor, NO_DECIMALS.has(currency) ? 0 : 2)} ${currency}`;
}

/** Elements that say what the filtered orders add up to, or why no total is shown. */
export async function totalsOf(filter) {
  if (filter.test === 'true') {
    // /insights counts live orders, or live and test together: never test orders alone.
    return [h('p', { class: 'muted' }, t('totals.testOnly'))];
  }
  const to = filter.to || tomorrow(); // exclusive, as the list's own to
  const from = filter.from || daysBefore(to, 366);
  const params = {
    groupBy: 'currency', provider: filter.provider, status: filter.status, email: filter.email, q: filter.q,
    tag: filter.tag, currency: filter.currency, test: filter.test === 'false' ? undefined : 'true',
  };
  const scale = NO_DECIMALS.has(filter.currency) ? 1 : 100;
  if (filter.amountMin) params.amountMin = Math.round(Number(filter.amountMin) * scale);
  if (filter.amountMax) params.amountMax = Math.round(Number(filter.amountMax) * scale);
  const { totals } = await insights(from, to, params);
  const money = Object.entries(totals.byCurrency).map(([c, m]) => h('span', { class: 'total-currency', dataset: { currency: c } },
    t('totals.money', { net: amount(m.netMinor, c), gross: amount(m.grossMinor, c), refunded: amount(m.refundedMinor, c) })));
  return [
    h('h3', {}, t('totals.title')),
    h('p', { class: 'totals' }, h('strong', { class: 'total-orders' }, t('totals.orders', { count: totals.orders })), money),
    h('p', { class: 'muted' }, filter.from ? t('totals.range', { from, to: filter.to || '' }) : t('totals.lastYear')),
  ];
}
