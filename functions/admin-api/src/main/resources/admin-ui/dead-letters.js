// Events the matcher and workflow runs the runner gave up on: why in words, the order, the payload on demand,
// re-drive (all, or one) and discard with a reason.
import { api } from './api.js';
import { attempt, h, notify, table, when } from './dom.js';
import { t } from './i18n.js';

async function redrive(messageIds, refresh) {
  await attempt(async () => {
    const r = await api('POST', '/dead-letters/redrive', messageIds ? { messageIds } : {});
    notify(t('dead.redriven', { count: r.redriven }));
    await refresh();
  });
}

async function discard(d, refresh) {
  const reason = window.prompt(t('dead.discardReason'));
  if (!reason || !reason.trim()) return;
  await attempt(async () => {
    await api('POST', `/dead-letters/${encodeURIComponent(d.messageId)}/discard`, { reason: reason.trim() });
    notify(t('dead.discarded'));
    await refresh();
  });
}

/**
 * Loads one dead letter and shows, as text, the server's reason, the order it is about and the payload (secrets
 * already removed by the server), in place of the button that asked for it.
 */
async function showPayload(d, into, button) {
  await attempt(async () => {
    const r = await api('GET', `/dead-letters/${encodeURIComponent(d.messageId)}`);
    into.replaceChildren(h('p', { class: 'reason' }, r.reason),
      r.orderPath ? h('a', { class: 'payload-order', href: `#/orders/${encodeURIComponent(r.orderId)}` }, t('dead.openOrder')) : '',
      r.payload === null ? h('p', { class: 'muted' }, t('dead.noPayload')) : h('pre', { class: 'raw payload' }, r.payload),
      r.payloadTruncated ? h('p', { class: 'muted' }, t('dead.payloadCut')) : '');
    button.hidden = true;
  });
}

/** The failure in a seller's words: what failed, then the technical message as recorded, and the payload on demand. */
function why(d) {
  const what = d.queue === 'workflow-runs' ? t('dead.whyRun', { workflow: d.workflowId || '' })
    : t('dead.whyEvent', { provider: d.provider || '', kind: d.kind || '' });
  const payload = h('div', { class: 'dead-payload' });
  const show = h('button', { type: 'button', class: 'show-payload', onclick: () => showPayload(d, payload, show) }, t('dead.showPayload'));
  return [h('strong', {}, what), h('span', { class: 'ref' }, t('dead.tries', { count: d.attempts })),
    h('details', {}, h('summary', {}, t('dead.details')), h('pre', { class: 'raw' },
      [`${t('col.error')}: ${d.error || ''}`, `${t('col.event')}: ${d.eventId || ''}`, `messageId: ${d.messageId}`,
        `${t('col.when')}: ${d.receivedAt || ''}`].join('\n'))), show, payload];
}

export async function deadLettersScreen(refresh) {
  const { deadLetters } = await api('GET', '/dead-letters');
  return h('section', { id: 'dead-letters' },
    h('h2', {}, t('dead.title')),
    h('p', { class: 'muted' }, t('dead.intro')),
    deadLetters.length
      ? [h('button', { type: 'button', id: 'redrive-all', onclick: () => redrive(null, refresh) }, t('dead.redriveAll')),
        h('div', { class: 'scroll' }, table(['col.when', 'dead.why', 'col.order', 'col.action'],
          deadLetters.map((d) => [when(d.lastFailedAt || d.receivedAt), why(d),
            d.orderId ? h('a', { href: `#/orders/${d.orderId}` }, d.orderId) : '',
            h('div', { class: 'toolbar' },
              h('button', { type: 'button', class: 'redrive', onclick: () => redrive([d.messageId], refresh) }, t('dead.redrive')),
              h('button', { type: 'button', class: 'danger discard', onclick: () => discard(d, refresh) }, t('dead.discard')))]),
          () => ({ class: 'dead-letter' })))]
      : h('p', { class: 'empty' }, t('dead.empty')));
}
