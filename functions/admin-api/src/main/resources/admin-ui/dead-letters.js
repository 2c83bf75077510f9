// Events the matcher and workflow runs the runner gave up on, and re-driving them (all, or one).
import { api } from './api.js';
import { h, notify, table, when } from './dom.js';
import { t } from './i18n.js';

async function redrive(messageIds, refresh) {
  try {
    const r = await api('POST', '/dead-letters/redrive', messageIds ? { messageIds } : {});
    notify(t('dead.redriven', { count: r.redriven }));
    await refresh();
  } catch (err) {
    notify(t('error', { message: err.message }), 'error');
  }
}

export async function deadLettersScreen(refresh) {
  const { deadLetters } = await api('GET', '/dead-letters');
  return h('section', { id: 'dead-letters' },
    h('h2', {}, t('dead.title')),
    h('p', { class: 'muted' }, t('dead.intro')),
    deadLetters.length
      ? [h('button', { type: 'button', id: 'redrive-all', onclick: () => redrive(null, refresh) }, t('dead.redriveAll')),
        table(['col.when', 'col.provider', 'col.kind', 'col.event', 'col.error', 'col.attempts', 'col.action'],
          deadLetters.map((d) => [when(d.lastFailedAt || d.receivedAt), d.provider || '',
            d.queue === 'workflow-runs' ? t('dead.run', { workflow: d.workflowId }) : d.kind, d.eventId, d.error, d.attempts,
            h('button', { type: 'button', onclick: () => redrive([d.messageId], refresh) }, t('dead.redrive'))]))]
      : h('p', { class: 'empty' }, t('dead.empty')));
}
