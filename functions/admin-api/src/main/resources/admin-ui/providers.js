// "Providers": for each payment platform, the callback URL to paste into its dashboard, where to paste it, the secret
// set, rotated or removed (never shown back: the API says only whether it is set and when), and the last delivery.
import { api, ApiError, apiBase, session } from './api.js';
import { attempt, errorLine, field, h, notify, when } from './dom.js';
import { t } from './i18n.js';

// Per provider: the secret the hub verifies its callbacks with, the name of that secret while it is being rotated
// out (none for Ko-fi's token, which has no such field), and the words naming where it is in the provider's dashboard.
export const PROVIDERS = [
  { id: 'kofi', name: 'Ko-fi', secret: 'verificationToken' },
  { id: 'bmc', name: 'Buy Me a Coffee', secret: 'signingSecret', previous: 'previousSigningSecret' },
  { id: 'xsolla', name: 'Xsolla', secret: 'projectSecret', previous: 'previousProjectSecret' },
  { id: 'shopify', name: 'Shopify', secret: 'clientSecret', previous: 'previousClientSecret' },
  { id: 'stripe', name: 'Stripe', secret: 'webhookSecret', previous: 'previousWebhookSecret' },
];

const HOURS = [1, 24, 72, 168]; // previousSecretExpiresInHours: the choices Stripe's own roll offers, within 1-168

/** The provider's config, or null when it is not set up for the site (404). */
async function config(p) {
  try {
    return await api('GET', `/providers/${p.id}`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

async function lastDelivery(p) {
  const { deliveries } = await api('GET', `/deliveries?provider=${p.id}&limit=1`);
  return deliveries[0] || null;
}

function callbackUrl(p) {
  return `${location.origin}${apiBase}/callbacks/${p.id}/${encodeURIComponent(session().clientId)}`;
}

function copyable(p) {
  const url = h('input', { class: 'callback-url', readonly: true, value: callbackUrl(p), spellcheck: 'false' });
  const copy = h('button', { type: 'button', class: 'secondary copy-url', onclick: async () => {
    url.select();
    try {
      await navigator.clipboard.writeText(url.value);
      notify(t('providers.copied'));
    } catch (e) {
      notify(t('providers.copyByHand'), 'error'); // the URL stays selected for Ctrl+C
    }
  } }, t('providers.copy'));
  return h('div', { class: 'toolbar' }, url, copy);
}

/** "set, set at …" / "not set", and for a secret being rotated out, until when it is still accepted. */
function secretState(p, c) {
  const s = c && c.secrets[p.secret];
  const lines = [h('span', { class: 'secret-state', dataset: { set: String(Boolean(s && s.set)) } },
    s && s.set ? t('providers.secretSet', { when: when(s.setAt) }) : t('providers.secretNotSet'))];
  const prev = p.previous && c && c.secrets[p.previous];
  if (prev && prev.set) {
    lines.push(h('span', { class: 'ref previous-state' }, t('providers.rotatedAt', { when: when(prev.setAt), until: when(prev.expiresAt) })));
  }
  return lines;
}

function deliveryLine(d) {
  if (!d) return h('p', { class: 'muted last-delivery' }, t('providers.noDelivery'));
  return h('p', { class: 'last-delivery', dataset: { outcome: d.outcome } },
    `${t('providers.lastDelivery')}: ${when(d.receivedAt)} · `, h('span', { class: `outcome outcome-${d.outcome}` }, t(`outcome.${d.outcome}`)),
    d.explanation ? ` · ${d.explanation}` : '');
}

function steps(p) {
  return h('details', { class: 'dashboard-steps' }, h('summary', {}, t('providers.where', { provider: p.name })),
    h('p', {}, t(`providers.steps.${p.id}`)));
}

async function put(p, body, line, refresh, done) {
  await attempt(async () => {
    await api('PUT', `/providers/${p.id}`, body);
    notify(t(done, { provider: p.name }));
    await refresh();
  }, line);
}

/** Set (or replace) the secret; for providers with a previous secret, also a rotation keeping the old one a while. */
function secretForms(p, c, refresh) {
  const line = errorLine();
  const value = h('input', { name: 'secret', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
  const set = h('form', { class: 'inline set-secret' }, field(t(`providers.secret.${p.id}`), value),
    h('button', { type: 'submit' }, t('providers.save')));
  set.addEventListener('submit', (e) => {
    e.preventDefault();
    put(p, { [p.secret]: value.value.trim() }, line, refresh, 'providers.saved');
  });
  const forms = [set];
  if (p.previous && c && c.secrets[p.secret] && c.secrets[p.secret].set) {
    // The hub never returns the current secret, so the old one is typed again (the dashboard still shows it).
    const fresh = h('input', { name: 'newSecret', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
    const old = h('input', { name: 'oldSecret', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
    const hours = h('select', { name: 'hours' }, HOURS.map((n) => h('option', { value: n, selected: n === 24 }, t('providers.hours', { count: n }))));
    const rotate = h('form', { class: 'rotate-secret' }, h('h4', {}, t('providers.rotate')), h('p', { class: 'muted' }, t('providers.rotateIntro')),
      field(t('providers.newSecret'), fresh), field(t('providers.oldSecret'), old), field(t('providers.oldFor'), hours),
      h('button', { type: 'submit' }, t('providers.rotateButton')));
    rotate.addEventListener('submit', (e) => {
      e.preventDefault();
      put(p, { [p.secret]: fresh.value.trim(), [p.previous]: old.value.trim(), previousSecretExpiresInHours: Number(hours.value) },
        line, refresh, 'providers.rotated');
    });
    forms.push(h('details', { class: 'rotate' }, h('summary', {}, t('providers.rotate')), rotate));
  }
  if (c && Object.values(c.secrets).some((s) => s.set)) {
    forms.push(h('button', { type: 'button', class: 'danger remove-secret', onclick: () => {
      if (!window.confirm(t('providers.confirmRemove', { provider: p.name }))) return;
      const body = { [p.secret]: null };
      if (p.previous) body[p.previous] = null;
      put(p, body, line, refresh, 'providers.removed');
    } }, t('providers.remove')));
  }
  forms.push(line.el);
  return forms;
}

async function card(p) {
  const el = h('article', { class: 'card provider', dataset: { provider: p.id } });
  const draw = async () => {
    const [c, d] = await Promise.all([config(p), lastDelivery(p)]);
    el.replaceChildren(h('h3', {}, p.name, ' ', h('span', { class: 'tag' }, c ? t('providers.connected') : t('providers.notConnected'))),
      h('p', { class: 'muted' }, t('providers.callback')), copyable(p), steps(p),
      h('p', {}, ...secretState(p, c)), ...secretForms(p, c, draw), deliveryLine(d),
      h('a', { href: `#/deliveries/${p.id}`, class: 'deliveries-link' }, t('providers.allDeliveries')));
  };
  await draw();
  return el;
}

export async function providersScreen() {
  const cards = await Promise.all(PROVIDERS.map(card));
  return h('section', { id: 'providers' }, h('h2', {}, t('providers.title')), h('p', { class: 'muted' }, t('providers.intro')), cards);
}
