// "Deliveries": every callback the site received, accepted or refused, with the server's explanation of each refusal,
// the order of each accepted one, and the refused callbacks only counted (past the per-minute detail bound).
import { api, withQuery } from './api.js';
import { attempt, field, h, table, when } from './dom.js';
import { t } from './i18n.js';
import { PROVIDERS } from './providers.js';

const OUTCOMES = ['queued', 'ignored', 'refused'];

function filters(initial, apply) {
  const provider = h('select', { name: 'provider' }, h('option', { value: '' }, t('orders.all')),
    PROVIDERS.map((p) => h('option', { value: p.id, selected: p.id === initial.provider }, p.name)));
  const outcome = h('select', { name: 'outcome' }, h('option', { value: '' }, t('orders.all')),
    OUTCOMES.map((o) => h('option', { value: o }, t(`outcome.${o}`))));
  const from = h('input', { name: 'from', type: 'date' });
  const to = h('input', { name: 'to', type: 'date' });
  const form = h('form', { class: 'inline', id: 'delivery-filters' },
    field(t('col.provider'), provider), field(t('deliveries.outcome'), outcome),
    field(t('deliveries.from'), from), field(t('deliveries.to'), to),
    h('button', { type: 'submit' }, t('deliveries.apply')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    // "to" is exclusive on the server: the day picked is included by asking up to the next day.
    const next = to.value ? new Date(`${to.value}T00:00:00Z`).getTime() + 86400000 : null;
    apply({ provider: provider.value, outcome: outcome.value, from: from.value,
      to: next ? new Date(next).toISOString().slice(0, 10) : '' });
  });
  return form;
}

function what(d) {
  const code = d.outcome === 'queued' ? '' : ` · ${d.status}${d.reason ? ` ${d.reason}` : ''}`;
  return [h('span', { class: `outcome outcome-${d.outcome}`, dataset: { outcome: d.outcome } }, t(`outcome.${d.outcome}`)),
    h('span', { class: 'ref' }, `${d.providerName || d.provider}${code}`)];
}

function row(d) {
  return [when(d.receivedAt), what(d),
    h('span', { class: 'explanation' }, d.explanation || ''),
    d.orderId ? h('a', { href: `#/orders/${d.orderId}`, class: 'delivery-order' }, d.orderId) : '',
    d.size === undefined ? '' : t('deliveries.bytes', { size: d.size })];
}

function counted(items) {
  if (!items.length) return [];
  return h('ul', { class: 'without-detail' }, items.map((m) => h('li', {},
    t('deliveries.withoutDetail', { minute: when(m.minute), count: m.count, provider: m.provider || t('orders.all') }))));
}

export async function deliveriesScreen(provider) {
  const list = h('div', { id: 'delivery-list' });
  const load = async (query, cursor, append) => {
    const page = await api('GET', withQuery('/deliveries', { ...query, cursor, limit: 50 }));
    const rows = table(['col.when', 'deliveries.outcome', 'deliveries.explanation', 'col.order', { key: 'deliveries.size', cls: 'opt' }],
      page.deliveries.map(row), () => ({ class: 'delivery-row' }));
    const more = page.next
      ? h('button', { type: 'button', class: 'secondary more', onclick: (e) => {
        e.target.remove();
        attempt(() => load(query, page.next, true));
      } }, t('orders.more'))
      : '';
    const parts = [counted(page.refusedWithoutDetail || []),
      page.deliveries.length ? h('div', { class: 'scroll' }, rows) : (append ? '' : h('p', { class: 'empty' }, t('deliveries.empty'))), more];
    if (append) list.append(...parts.flat().filter(Boolean));
    else list.replaceChildren(...parts.flat().filter(Boolean));
  };
  const initial = { provider: provider || '' };
  await load(initial);
  return h('section', { id: 'deliveries' }, h('h2', {}, t('deliveries.title')), h('p', { class: 'muted' }, t('deliveries.intro')),
    filters(initial, (q) => attempt(() => load(q))), list);
}
