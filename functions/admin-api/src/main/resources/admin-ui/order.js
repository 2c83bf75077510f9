// One order: its data, the provider's events as received (request headers and raw body), the audit trail by person,
// e-mails, workflow runs, and the admin's actions: a status change among those the server allows, and a reply to the buyer.
import { api } from './api.js';
import { attempt, decimals, errorLine, field, fromMinor, h, money, notify, statusBadge, table, when } from './dom.js';
import { t } from './i18n.js';

/** The provider's own reference as the seller knows it: Shopify's order name (#1001), else the provider's id. */
export function providerRef(o) {
  return (o.attributes && o.attributes['shopify.order_name']) || o.orderRef || '';
}

function statusForm(order, refresh) {
  const allowed = order.allowedTransitions || [];
  const line = errorLine();
  if (!allowed.length) {
    return h('div', { class: 'card set-status' }, h('h3', {}, t('order.setStatus')),
      h('p', { class: 'muted' }, t('order.noTransition', { status: t(`status.${order.status}`) })));
  }
  const status = h('select', { name: 'status', required: true }, allowed.map((s) => h('option', { value: s }, t(`status.${s}`))));
  const reason = h('input', { name: 'reason', required: true, maxlength: 500 });
  const form = h('form', { class: 'card set-status' },
    h('h3', {}, t('order.setStatus')),
    field(t('order.newStatus'), status),
    field(t('order.reason'), reason),
    line.el,
    h('button', { type: 'submit' }, t('order.apply')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      const after = await api('POST', `/orders/${order.orderId}/status`, { status: status.value, reason: reason.value.trim() });
      notify(t('order.statusChanged', { status: t(`status.${after.status}`) }));
      await refresh();
    }, line);
  });
  return form;
}

function replyForm(order, refresh) {
  const subject = h('input', { name: 'subject', required: true, maxlength: 200 });
  const body = h('textarea', { name: 'body', required: true, rows: 5 });
  const line = errorLine();
  const form = h('form', { class: 'card reply' },
    h('h3', {}, t('order.reply')),
    h('p', { class: 'muted' }, t('order.replyTo', { to: order.buyer.email || t('order.noEmail') })),
    field(t('order.subject'), subject),
    field(t('order.body'), body),
    line.el,
    h('button', { type: 'submit', disabled: !order.buyer.email }, t('order.send')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      const sent = await api('POST', `/orders/${order.orderId}/reply`, { subject: subject.value.trim(), body: body.value });
      notify(t('order.replySent', { messageId: sent.messageId }));
      await refresh();
    }, line);
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

/** The value the server puts in place of a header's value it did not keep. */
const HEADER_REMOVED = '(removed by the hub)';

/** The callback's request headers as the hub kept them, by name; every value is the provider's text, set as text. */
function requestHeaders(headers) {
  const names = Object.keys(headers || {}).sort();
  if (!names.length) return h('p', { class: 'muted' }, t('order.noHeaders'));
  return h('dl', { class: 'raw-headers' }, names.flatMap((name) => [
    h('dt', {}, name),
    headers[name] === HEADER_REMOVED
      ? h('dd', { class: 'muted removed' }, t('order.headerRemoved'))
      : h('dd', {}, headers[name])]));
}

/** The provider's event as received: its request headers and body (indented when JSON), always shown as text. */
function rawBody(e) {
  let text = e.raw || '';
  if ((e.rawContentType || '').includes('json')) {
    try { text = JSON.stringify(JSON.parse(text), null, 2); } catch (err) { /* shown as received */ }
  }
  return h('details', { class: 'raw-event' },
    h('summary', {}, t('order.rawEvent')),
    h('p', { class: 'muted' }, t('order.rawHeaders', { type: e.rawContentType || '?' })),
    h('h4', {}, t('order.headers')),
    requestHeaders(e.headers),
    h('h4', {}, t('order.rawBody')),
    h('pre', { class: 'raw' }, text || t('order.noRaw')));
}

function history(o) {
  return table(['col.when', 'col.kind', 'col.amount', 'col.event'],
    o.history.map((e) => [when(e.receivedAt || e.occurredAt), e.kind,
      e.amount ? `${fromMinor(e.amount.minor, decimals(o.amount))} ${e.amount.currency}` : '', [e.eventId, rawBody(e)]]),
    () => ({ class: 'history-row' }));
}

export async function orderScreen(orderId, refresh) {
  const o = await api('GET', `/orders/${orderId}`);
  const m = o.match;
  return h('section', { id: 'order', dataset: { orderId: o.orderId } },
    h('p', {}, h('a', { href: '#/orders' }, t('order.back'))),
    h('h2', {}, t('order.title', { orderId: o.orderId }), ' ', statusBadge(o.status),
      o.test ? h('span', { class: 'tag test-marker' }, t('order.test')) : ''),
    h('dl', { class: 'card' },
      h('dt', {}, t('col.provider')), h('dd', { class: 'provider-ref' }, `${o.provider} · ${providerRef(o)}`),
      h('dt', {}, t('col.amount')), h('dd', {}, money(o.amount)),
      h('dt', {}, t('col.buyer')), h('dd', {}, [o.buyer.name, o.buyer.email].filter(Boolean).join(' · ')),
      h('dt', {}, t('col.message')), h('dd', {}, o.message || ''),
      h('dt', {}, t('col.tags')), h('dd', {}, (o.tags || []).join(', ')),
      h('dt', {}, t('col.created')), h('dd', {}, when(o.createdAt)),
      h('dt', {}, t('col.match')), h('dd', { class: 'match' }, m.intentId
        ? t('order.matchedTo', { intentId: m.intentId, reason: m.reason || '' })
        : t('order.unmatched', { reason: m.reason || t(`review.${m.review}`) })),
      h('dt', {}, t('order.autoReply')), h('dd', {}, [o.autoReply.state, when(o.autoReply.sentAt), o.autoReply.lastError].filter(Boolean).join(' · ')),
      h('dt', {}, t('order.risk')), h('dd', { class: 'risk' }, o.risk
        ? [t('order.riskValue', { level: o.risk.level, score: o.risk.score }), ...o.risk.reasons].join(' · ') : ''),
      h('dt', {}, t('order.mailError')), h('dd', { class: 'mail-error' }, o.mailError
        ? [o.mailError.kind, o.mailError.reason, when(o.mailError.at)].filter(Boolean).join(' · ') : '')),
    h('div', { class: 'actions' }, statusForm(o, refresh), replyForm(o, refresh)),
    h('h3', {}, t('order.history')),
    h('div', { class: 'scroll history' }, history(o)),
    h('h3', {}, t('order.audit')),
    o.audit.length
      ? table(['col.when', 'col.action', 'col.by', 'col.details'], o.audit.map((a) => [when(a.at), a.action,
        h('span', { class: 'audit-by', title: a.by }, a.byLabel || a.by), details(a.details)]),
      () => ({ class: 'audit-row' }))
      : h('p', { class: 'muted' }, t('order.noAudit')),
    h('h3', {}, t('order.emails')),
    h('div', { class: 'scroll' }, newest(o.emails, 'order.noEmails', ['col.when', 'col.type', 'col.template', 'col.to', 'col.delivery', 'col.messageId'],
      (e) => [when(e.sentAt), e.kind, [e.template, e.locale].filter(Boolean).join(' · '), e.to, delivery(e), e.messageId],
      'email-row')),
    h('h3', {}, t('order.runs')),
    h('div', { class: 'scroll' }, newest(o.runs, 'order.noRuns', ['col.when', 'col.workflow', 'col.trigger', 'col.branch', 'col.state', 'col.actions'],
      (r) => [when(r.startedAt), `${r.workflowId} v${r.version}`, r.trigger, r.branch || '', r.state, actionResults(r)],
      'run-row')));
}
