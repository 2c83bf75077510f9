// All orders with filters, and one order: its match, history, audit trail, e-mails, workflow runs and the admin's actions.
import { api } from './api.js';
import { decimals, fromMinor, h, money, notify, statusBadge, table, when } from './dom.js';
import { t } from './i18n.js';

export const STATUSES = ['pending', 'failed', 'paid', 'done', 'disputed', 'partially_refunded', 'refunded', 'canceled'];
const PROVIDERS = ['kofi', 'bmc', 'xsolla', 'stripe', 'shopify'];

/** The filters live in the screen; the list pages through the API and filters what it has loaded. */
const state = { orders: [], next: null, status: '', provider: '' };

function select(name, label, values, current, text, onchange) {
  const s = h('select', { name },
    h('option', { value: '' }, t('orders.all')),
    values.map((v) => h('option', { value: v, selected: v === current }, text(v))));
  s.addEventListener('change', () => onchange(s.value));
  return h('label', {}, label, s);
}

function rows(container) {
  const shown = state.orders.filter((o) => (!state.status || o.status === state.status)
    && (!state.provider || o.provider === state.provider));
  container.replaceChildren(
    h('p', { class: 'muted count' }, t('orders.shown', { shown: shown.length, loaded: state.orders.length })),
    shown.length
      ? table(['col.created', 'col.order', 'col.provider', 'col.buyer', 'col.amount', 'col.status', 'col.match'],
        shown.map((o) => [
          when(o.createdAt),
          h('a', { href: `#/orders/${o.orderId}` }, o.orderId),
          o.provider,
          o.buyer.name || o.buyer.email || '',
          money(o.amount),
          statusBadge(o.status),
          t(`review.${o.match.review}`),
        ]), () => ({ class: 'order-row' }))
      : h('p', { class: 'empty' }, t('orders.empty')));
}

async function loadPage() {
  const q = state.next ? `&cursor=${encodeURIComponent(state.next)}` : '';
  const page = await api('GET', `/orders?limit=100${q}`);
  state.orders.push(...page.orders);
  state.next = page.next;
}

export async function ordersScreen() {
  state.orders = [];
  state.next = null;
  await loadPage();
  const list = h('div', { id: 'order-list' });
  const more = h('button', { type: 'button', id: 'more' }, t('orders.more'));
  more.hidden = !state.next;
  more.addEventListener('click', async () => {
    await loadPage();
    more.hidden = !state.next;
    rows(list);
  });
  rows(list);
  return h('section', { id: 'orders' },
    h('h2', {}, t('orders.title')),
    h('form', { class: 'inline filters' },
      select('status', t('orders.status'), STATUSES, state.status, (s) => t(`status.${s}`), (v) => { state.status = v; rows(list); }),
      select('provider', t('orders.provider'), PROVIDERS, state.provider, (p) => p, (v) => { state.provider = v; rows(list); })),
    list, more);
}

function statusForm(order, refresh) {
  const status = h('select', { name: 'status', required: true },
    STATUSES.filter((s) => s !== order.status).map((s) => h('option', { value: s }, t(`status.${s}`))));
  const reason = h('input', { name: 'reason', required: true, maxlength: 500 });
  const form = h('form', { class: 'card set-status' },
    h('h3', {}, t('order.setStatus')),
    h('label', {}, t('order.newStatus'), status),
    h('label', {}, t('order.reason'), reason),
    h('button', { type: 'submit' }, t('order.apply')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const after = await api('POST', `/orders/${order.orderId}/status`, { status: status.value, reason: reason.value.trim() });
      notify(t('order.statusChanged', { status: t(`status.${after.status}`) }));
      await refresh();
    } catch (err) {
      notify(t('error', { message: err.message }), 'error');
    }
  });
  return form;
}

function replyForm(order, refresh) {
  const subject = h('input', { name: 'subject', required: true, maxlength: 200 });
  const body = h('textarea', { name: 'body', required: true, rows: 5 });
  const form = h('form', { class: 'card reply' },
    h('h3', {}, t('order.reply')),
    h('label', {}, t('order.subject'), subject),
    h('label', {}, t('order.body'), body),
    h('button', { type: 'submit' }, t('order.send')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const sent = await api('POST', `/orders/${order.orderId}/reply`, { subject: subject.value.trim(), body: body.value });
      notify(t('order.replySent', { messageId: sent.messageId }));
      await refresh();
    } catch (err) {
      notify(t('error', { message: err.message }), 'error');
    }
  });
  return form;
}

function details(d) {
  return Object.entries(d || {}).map(([k, v]) => `${k}: ${v}`).join(', ');
}

/** One of the detail's newest-first lists ({items, more}) as a table, or a note when it is empty. */
function newest(list, empty, columns, row, rowClass) {
  if (!list.items.length) return h('p', { class: 'muted' }, t(empty));
  return [table(columns, list.items.map(row), () => ({ class: rowClass })),
    list.more ? h('p', { class: 'muted' }, t('order.more', { count: list.items.length })) : ''];
}

function delivery(e) {
  const report = e.bounce || e.complaint;
  return report ? `${e.delivery} (${report.type}, ${when(report.at)})` : e.delivery;
}

function actionResults(run) {
  return run.actions.map((a) => `${a.type}: ${a.status}${a.error ? ` (${a.error})` : ''}`).join('; ');
}

export async function orderScreen(orderId, refresh) {
  const o = await api('GET', `/orders/${orderId}`);
  const m = o.match;
  return h('section', { id: 'order', dataset: { orderId: o.orderId } },
    h('p', {}, h('a', { href: '#/orders' }, t('order.back'))),
    h('h2', {}, t('order.title', { orderId: o.orderId }), ' ', statusBadge(o.status),
      o.test ? h('span', { class: 'tag' }, t('order.test')) : ''),
    h('dl', { class: 'card' },
      h('dt', {}, t('col.provider')), h('dd', {}, `${o.provider} · ${o.orderRef}`),
      h('dt', {}, t('col.amount')), h('dd', {}, money(o.amount)),
      h('dt', {}, t('col.buyer')), h('dd', {}, [o.buyer.name, o.buyer.email].filter(Boolean).join(' · ')),
      h('dt', {}, t('col.message')), h('dd', {}, o.message || ''),
      h('dt', {}, t('col.created')), h('dd', {}, when(o.createdAt)),
      h('dt', {}, t('col.match')), h('dd', { class: 'match' }, m.intentId
        ? t('order.matchedTo', { intentId: m.intentId, reason: m.reason || '' })
        : t('order.unmatched', { reason: m.reason || t(`review.${m.review}`) })),
      h('dt', {}, t('order.autoReply')), h('dd', {}, [o.autoReply.state, when(o.autoReply.sentAt), o.autoReply.lastError].filter(Boolean).join(' · '))),
    h('h3', {}, t('order.history')),
    table(['col.when', 'col.kind', 'col.amount', 'col.event'],
      o.history.map((e) => [when(e.receivedAt || e.occurredAt), e.kind,
        e.amount ? `${fromMinor(e.amount.minor, decimals(o.amount))} ${e.amount.currency}` : '', e.eventId])),
    h('h3', {}, t('order.audit')),
    o.audit.length
      ? table(['col.when', 'col.action', 'col.by', 'col.details'], o.audit.map((a) => [when(a.at), a.action, a.by, details(a.details)]),
        () => ({ class: 'audit-row' }))
      : h('p', { class: 'muted' }, t('order.noAudit')),
    h('h3', {}, t('order.emails')),
    newest(o.emails, 'order.noEmails', ['col.when', 'col.type', 'col.template', 'col.to', 'col.delivery', 'col.messageId'],
      (e) => [when(e.sentAt), e.kind, [e.template, e.locale].filter(Boolean).join(' · '), e.to, delivery(e), e.messageId],
      'email-row'),
    h('h3', {}, t('order.runs')),
    newest(o.runs, 'order.noRuns', ['col.when', 'col.workflow', 'col.trigger', 'col.branch', 'col.state', 'col.actions'],
      (r) => [when(r.startedAt), `${r.workflowId} v${r.version}`, r.trigger, r.branch || '', r.state, actionResults(r)],
      'run-row'),
    h('div', { class: 'actions' }, statusForm(o, refresh), replyForm(o, refresh)));
}
