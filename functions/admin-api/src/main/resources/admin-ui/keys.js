// The site's admin keys (owner keys only): issue one to a person with a role (the key is shown once), list, revoke.
import { api } from './api.js';
import { attempt, errorLine, field, h, notify, table, when } from './dom.js';
import { t } from './i18n.js';

const ROLES = ['viewer', 'operator', 'owner'];

function issueForm(shown, refresh) {
  const label = h('input', { name: 'label', required: true, maxlength: 80, placeholder: t('keys.labelHint') });
  const role = h('select', { name: 'role' }, ROLES.map((r) => h('option', { value: r }, t(`role.${r}`))));
  const line = errorLine();
  const form = h('form', { class: 'card issue-key' }, h('h3', {}, t('keys.issue')),
    field(t('keys.label'), label), field(t('keys.role'), role), line.el, h('button', { type: 'submit' }, t('keys.issueButton')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      const k = await api('POST', '/keys', { label: label.value.trim(), role: role.value });
      // The key exists only in this answer: shown here once, never stored by the page.
      shown.replaceChildren(h('div', { class: 'card new-key', role: 'status' },
        h('p', {}, t('keys.issued', { label: k.label, role: t(`role.${k.role}`) })),
        h('p', { class: 'secret', id: 'new-key' }, k.key),
        h('p', { class: 'muted' }, t('keys.once'))));
      label.value = '';
      await refresh(false);
    }, line);
  });
  return form;
}

async function list(into) {
  const { keys } = await api('GET', '/keys');
  const labels = new Map(keys.map((k) => [k.keyId, k.label]));
  into.replaceChildren(table(['keys.label', 'keys.role', 'col.created', 'keys.createdBy', 'col.action'],
    keys.map((k) => [h('span', { class: 'key-label', title: k.keyId }, k.label || k.keyId), t(`role.${k.role}`), when(k.createdAt),
      labels.get(k.createdBy) || k.createdBy || '',
      h('button', { type: 'button', class: 'danger revoke-key', onclick: () => revoke(k, into) }, t('keys.revoke'))]),
    (r) => ({ class: 'key-row' })));
}

async function revoke(k, into) {
  if (!window.confirm(t('keys.confirmRevoke', { label: k.label || k.keyId }))) return;
  await attempt(async () => {
    await api('DELETE', `/keys/${k.keyId}`);
    notify(t('keys.revoked', { label: k.label || k.keyId }));
    await list(into);
  });
}

export async function keysScreen() {
  const shown = h('div', { id: 'issued-key' });
  const rows = h('div', { id: 'key-list', class: 'scroll' });
  await list(rows);
  return h('section', { id: 'keys' }, h('h2', {}, t('keys.title')), h('p', { class: 'muted' }, t('keys.intro')),
    shown, rows, issueForm(shown, () => list(rows)));
}
