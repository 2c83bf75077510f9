// The site's workflows: on/off, a shipped template installed, a definition edited (the server's validation problems
// shown beside the editor), a dry run against an order, and each workflow's runs.
import { api } from './api.js';
import { attempt, errorLine, field, h, notify, table, when } from './dom.js';
import { t } from './i18n.js';

const TEMPLATES = ['thank-you-on-paid', 'staff-on-review', 'capture-unless-high-risk', 'cancel-high-risk'];

/** The server's answer to a refused save: its message and every problem with its path. */
function problems(err) {
  const list = (err.problems || []).map((p) => h('li', {}, `${p.path}: ${p.message}`));
  return [h('p', {}, t('error', { message: err.message })), list.length ? h('ul', { class: 'problems' }, list) : ''];
}

function runsTable(runs) {
  if (runs instanceof Error) return h('p', { class: 'muted' }, t('workflows.runsUnavailable', { message: runs.message }));
  if (!runs.length) return h('p', { class: 'muted' }, t('workflows.noRuns'));
  return table(['col.when', 'col.order', 'col.trigger', 'col.branch', 'col.state', 'col.actions'],
    runs.map((r) => [when(r.startedAt), r.orderId ? h('a', { href: `#/orders/${r.orderId}` }, r.orderId) : '',
      r.trigger, r.branch || '', r.state,
      (r.actions || []).map((a) => `${a.type}: ${a.status}${a.error ? ` (${a.error})` : ''}`).join('; ') || r.note || '']),
    () => ({ class: 'workflow-run' }));
}

function dryRunResult(r) {
  return h('div', { class: 'dry-run-result' },
    h('p', {}, t('workflows.dryRunBranch', { branch: r.branch, held: r.conditionHeld ? t('yes') : t('no') })),
    h('ul', {}, (r.conditions || []).map((c) => h('li', {}, JSON.stringify(c))),
      (r.actions || []).map((a) => h('li', { class: a.wouldFail ? 'form-error' : '' }, `${a.type}: ${a.wouldDo || a.wouldFail || ''}`))));
}

function editor(w, refresh) {
  const text = h('textarea', { name: 'definition', class: 'code', rows: 14, spellcheck: 'false' }, JSON.stringify(w.definition, null, 2));
  const errors = h('div', { class: 'form-error workflow-problems', role: 'alert' });
  const save = h('form', { class: 'workflow-edit' }, field(t('workflows.definition'), text), errors,
    h('button', { type: 'submit' }, t('workflows.save')));
  save.addEventListener('submit', async (e) => {
    e.preventDefault();
    errors.replaceChildren();
    let definition;
    try {
      definition = JSON.parse(text.value);
    } catch (err) {
      errors.replaceChildren(h('p', {}, t('workflows.notJson', { message: err.message })));
      return;
    }
    try {
      const saved = await api('PUT', `/workflows/${w.workflowId}`, definition);
      notify(t('workflows.saved', { name: saved.definition.name, version: saved.version }));
      await refresh();
    } catch (err) {
      errors.replaceChildren(...problems(err));
    }
  });
  const orderId = h('input', { name: 'orderId', required: true, placeholder: 'kofi_…', spellcheck: 'false' });
  const out = h('div', { class: 'dry-run-out' });
  const line = errorLine();
  const dry = h('form', { class: 'inline workflow-dry-run' }, field(t('workflows.dryRunOrder'), orderId),
    h('button', { type: 'submit', class: 'secondary' }, t('workflows.dryRun')));
  dry.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      out.replaceChildren(dryRunResult(await api('POST', `/workflows/${w.workflowId}/dry-run`, { orderId: orderId.value.trim() })));
    }, line);
  });
  return h('details', { class: 'workflow-editor' }, h('summary', {}, t('workflows.edit')), save, dry, line.el, out);
}

function card(w, runs, refresh) {
  const d = w.definition;
  const on = d.enabled !== false;
  const line = errorLine();
  const toggle = h('button', { type: 'button', class: on ? 'secondary workflow-toggle' : 'workflow-toggle' },
    t(on ? 'workflows.turnOff' : 'workflows.turnOn'));
  toggle.addEventListener('click', () => attempt(async () => {
    await api('PUT', `/workflows/${w.workflowId}`, { ...d, enabled: !on });
    notify(t(on ? 'workflows.off' : 'workflows.on', { name: d.name }));
    await refresh();
  }, line));
  return h('article', { class: 'card workflow', dataset: { workflowId: w.workflowId, enabled: String(on) } },
    h('header', { class: 'toolbar' }, h('strong', {}, d.name), h('span', { class: 'tag' }, d.trigger),
      h('span', { class: `status ${on ? 'status-done' : ''}` }, t(on ? 'workflows.isOn' : 'workflows.isOff')),
      h('span', { class: 'muted' }, t('workflows.version', { version: w.version, at: when(w.updatedAt) })), toggle),
    line.el,
    h('h3', {}, t('workflows.runs')),
    h('div', { class: 'scroll' }, runsTable(runs)),
    editor(w, refresh));
}

function installForm(refresh) {
  const name = h('select', { name: 'template' }, TEMPLATES.map((n) => h('option', { value: n }, t(`template.${n}`))));
  const from = h('input', { name: 'from', type: 'email', maxlength: 254 });
  const staff = h('input', { name: 'staff', maxlength: 1000, placeholder: 'a@example.com, b@example.com' });
  const enabled = h('input', { name: 'enabled', type: 'checkbox', checked: true });
  const line = errorLine();
  const form = h('form', { class: 'card install-template' }, h('h3', {}, t('workflows.install')),
    field(t('workflows.template'), name), field(t('workflows.from'), from), field(t('workflows.staff'), staff),
    h('label', {}, enabled, ' ', t('workflows.enabled')), line.el, h('button', { type: 'submit' }, t('workflows.installButton')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      const body = { enabled: enabled.checked };
      if (from.value.trim()) body.from = from.value.trim();
      const list = staff.value.split(/[,\s]+/).filter(Boolean);
      if (list.length) body.staff = list;
      const w = await api('POST', `/workflows/templates/${name.value}/install`, body);
      notify(t('workflows.installed', { name: w.definition.name }));
      await refresh();
    }, line);
  });
  return form;
}

export async function workflowsScreen(refresh) {
  const { workflows } = await api('GET', '/workflows');
  // One workflow whose runs cannot be read (the site's default thank-you workflow is refused by the per-workflow
  // routes) must not hide the others: its card says so instead.
  const runs = await Promise.all(workflows.map((w) => api('GET', `/workflows/${w.workflowId}/runs?limit=20`)
    .then((r) => r.runs, (err) => err)));
  return h('section', { id: 'workflows' }, h('h2', {}, t('workflows.title')), h('p', { class: 'muted' }, t('workflows.intro')),
    workflows.length ? workflows.map((w, i) => card(w, runs[i], refresh)) : h('p', { class: 'empty' }, t('workflows.empty')),
    installForm(refresh));
}
