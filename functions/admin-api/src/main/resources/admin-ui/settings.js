// The site's settings a seller changes: the thank-you auto-reply of each provider (with a preview for a sample
// order), the sender of e-mails (name, reply address) and the staff addresses workflows may write to.
import { api, ApiError } from './api.js';
import { attempt, errorLine, field, h, notify } from './dom.js';
import { t } from './i18n.js';
import { PROVIDERS } from './orders.js';

/** The addresses the site may send from: the deployment's, and those the operator verified for this site. */
function senders(mail) {
  return [mail.deploymentSender, ...(mail.verifiedSenders || [])].filter(Boolean);
}

function fromSelect(name, mail, current) {
  return h('select', { name }, senders(mail).map((a) => h('option', { value: a, selected: a === current }, a)));
}

async function autoReplyCard(provider, mail, into) {
  let config;
  try {
    config = await api('GET', `/providers/${provider}`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      into.replaceChildren(h('p', { class: 'muted' }, t('settings.notConfigured', { provider })));
      return;
    }
    throw err;
  }
  const a = config.autoReply || {};
  const enabled = h('input', { type: 'checkbox', name: 'enabled', checked: !!a.enabled });
  const from = fromSelect('from', mail, a.from);
  const subject = h('input', { name: 'subject', maxlength: 200, value: a.subject || '' });
  const body = h('textarea', { name: 'body', rows: 6 }, a.body || '');
  const line = errorLine();
  const subjectLine = errorLine();
  const bodyLine = errorLine();
  const preview = h('div', { class: 'auto-reply-preview' });
  const form = h('form', { class: 'auto-reply', dataset: { provider } },
    h('label', {}, enabled, ' ', t('settings.autoReplyOn')), field(t('settings.from'), from),
    field(t('order.subject'), subject), subjectLine.el, field(t('order.body'), body), bodyLine.el,
    h('p', { class: 'muted' }, t('settings.variables')),
    line.el, h('div', { class: 'toolbar' }, h('button', { type: 'submit' }, t('settings.save')),
      h('button', { type: 'button', class: 'preview', onclick: () => showPreview(subject, body, preview, { subject: subjectLine, body: bodyLine }, line) },
        t('settings.preview'))),
    preview);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      // An empty field is left out: the server then uses its default (subject "Thank you!", the site's sender).
      const given = (input) => (input.value.trim() ? input.value : undefined);
      await api('PUT', `/providers/${provider}`, { autoReply: { enabled: enabled.checked, from: given(from), subject: given(subject), body: body.value } });
      notify(t('settings.saved'));
    }, line);
  });
  into.replaceChildren(form);
}

/**
 * Renders the draft on the server with a sample order (the engine the real auto-reply uses) and shows the result as
 * text; a template problem appears beside the field it is in.
 */
async function showPreview(subject, body, into, lines, line) {
  Object.values(lines).forEach((l) => l.clear());
  into.replaceChildren();
  await attempt(async () => {
    try {
      const r = await api('POST', '/settings/auto-reply/preview', { subject: subject.value.trim() ? subject.value : undefined,
        body: body.value.trim() ? body.value : undefined });
      into.replaceChildren(h('p', { class: 'muted' }, t('settings.previewFor', r.sample)),
        h('p', {}, h('strong', { class: 'preview-subject' }, r.subject)), h('pre', { class: 'raw preview-body' }, r.body));
    } catch (err) {
      if (err instanceof ApiError && lines[err.field]) {
        lines[err.field].show(t('error', { message: err.message }));
        return;
      }
      throw err;
    }
  }, line);
}

function autoReply(mail) {
  const into = h('div', {});
  const choose = h('select', { name: 'provider' }, PROVIDERS.map((p) => h('option', { value: p }, p)));
  const line = errorLine();
  const show = () => attempt(() => autoReplyCard(choose.value, mail, into), line);
  choose.addEventListener('change', show);
  show();
  return h('div', { class: 'card', id: 'auto-reply' }, h('h3', {}, t('settings.autoReply')),
    field(t('orders.provider'), choose), line.el, into);
}

function senderCard(mail, settings) {
  const name = h('input', { name: 'senderName', maxlength: 100, value: mail.senderName || '' });
  const replyFrom = fromSelect('replyFrom', mail, settings.replyFrom);
  const line = errorLine();
  const form = h('form', { class: 'card', id: 'sender' }, h('h3', {}, t('settings.sender')),
    field(t('settings.senderName'), name), field(t('settings.replyFrom'), replyFrom),
    h('p', { class: 'muted' }, t('settings.senders', { list: senders(mail).join(', ') })),
    line.el, h('button', { type: 'submit' }, t('settings.save')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      await api('PUT', '/mail', { senderName: name.value.trim() || null });
      await api('PUT', '/settings', { replyFrom: replyFrom.value });
      notify(t('settings.saved'));
    }, line);
  });
  return form;
}

function staffCard(mail) {
  const staff = h('textarea', { name: 'staff', rows: 4, placeholder: 'a@example.com\nb@example.com' }, (mail.staff || []).join('\n'));
  const line = errorLine();
  const form = h('form', { class: 'card', id: 'staff' }, h('h3', {}, t('settings.staff')),
    h('p', { class: 'muted' }, t('settings.staffIntro')), field(t('settings.staffList'), staff),
    line.el, h('button', { type: 'submit' }, t('settings.save')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      await api('PUT', '/mail', { staff: staff.value.split(/[\s,]+/).filter(Boolean) });
      notify(t('settings.saved'));
    }, line);
  });
  return form;
}

export async function settingsScreen() {
  const [mail, settings] = await Promise.all([api('GET', '/mail'), api('GET', '/settings')]);
  return h('section', { id: 'settings' }, h('h2', {}, t('settings.title')),
    h('div', { class: 'actions' }, autoReply(mail), senderCard(mail, settings), staffCard(mail)));
}
