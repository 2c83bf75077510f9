// Totals from GET /insights over any date range: the server takes at most 366 days a call, so a longer range is
// asked for in pieces and the pieces' figures (counts and minor units, exact integers) are added up here.
import { api, withQuery } from './api.js';

const MAX_DAYS = 366;
const DAY = 86400000;

/** [from, to) as UTC dates (YYYY-MM-DD), cut into pieces of at most 366 days. */
function pieces(from, to) {
  const out = [];
  let start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  while (start < end) {
    const stop = Math.min(end, start + MAX_DAYS * DAY);
    out.push([new Date(start).toISOString().slice(0, 10), new Date(stop).toISOString().slice(0, 10)]);
    start = stop;
  }
  return out;
}

function addTotals(into, t) {
  into.orders += t.orders;
  for (const [currency, m] of Object.entries(t.byCurrency)) {
    const c = into.byCurrency[currency] || (into.byCurrency[currency] = { orders: 0, grossMinor: 0, refundedMinor: 0, netMinor: 0 });
    c.orders += m.orders;
    c.grossMinor += m.grossMinor;
    c.refundedMinor += m.refundedMinor;
    c.netMinor += m.netMinor;
  }
}

const empty = () => ({ orders: 0, byCurrency: {} });

/** {totals, groups: Map key → totals} for the range and the API's other insight parameters. */
export async function insights(from, to, params = {}) {
  const totals = empty();
  const groups = new Map();
  for (const [f, t] of pieces(from, to)) {
    const r = await api('GET', withQuery('/insights', { ...params, from: f, to: t }));
    addTotals(totals, r.totals);
    for (const g of r.groups) {
      if (!groups.has(g.key)) groups.set(g.key, empty());
      addTotals(groups.get(g.key), g);
    }
  }
  return { totals, groups };
}

/** Today plus one day, as a UTC date: the exclusive end of a range that includes today. */
export function tomorrow() {
  return new Date(Date.now() + DAY).toISOString().slice(0, 10);
}

export function daysBefore(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);
}
