// "Payment confirmation": orders the matcher could not tie to an intent, with their candidates.
import { api } from './api.js';
import { h, money, notify, statusBadge, table, when } from './dom.js';
import { t } from './i18n.js';

async function match(orderId, intentId, refresh) {
  try {
    await api('POST', `/orders/${orderId}/match`, { intentId });
    notify(t('review.matched', { orderId, intentId }));
    await refresh();
  } catch (err) {
    notify(t('error', { message: err.message }), 'error');
  }
}

// Confirm without an intent, or dismiss: the order leaves review either way (most sellers create no intents).
async function leaveReview(orderId, action, body, done, refresh) {
  try {
    await api('POST', `/orders/${orderId}/review/${action}`, body);
    notify(t(done, { orderId }));
    await refresh();
  } catch (err) {
    notify(t('error', { message: err.message }), 'error');
  }
}

function withoutIntent(order, refresh) {
  const note = h('input', { name: 'note', maxlength: '500' });
  const confirm = h('form', { class: 'inline confirm-without-intent' },
    h('label', {}, t('review.confirmNote'), note),
    h('button', { type: 'submit' }, t('review.confirm')));
  confirm.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = note.value.trim();
    leaveReview(order.orderId, 'confirm', text ? { note: text } : {}, 'review.confirmedDone', refresh);
  });
  const reason = h('input', { name: 'reason', maxlength: '500', required: true });
  const dismiss = h('form', { class: 'inline dismiss-review' },
    h('label', {}, t('review.dismissReason'), reason),
    h('button', { type: 'submit' }, t('review.dismiss')));
  dismiss.addEventListener('submit', (e) => {
    e.preventDefault();
    leaveReview(order.orderId, 'dismiss', { reason: reason.value.trim() }, 'review.dismissedDone', refresh);
  });
  return [confirm, dismiss];
}

// The matcher's suggestion (one e-mail + amount candidate it may not take alone) comes first, marked.
function candidates(order, refresh) {
  if (!order.candidates.length) return h('p', { class: 'muted' }, t('review.noCandidates'));
  const suggested = (c) => c.intentId === order.suggestedIntentId;
  const ordered = [...order.candidates].sort((a, b) => Number(suggested(b)) - Number(suggested(a)));
  return table(['col.reference', 'col.buyer', 'col.amount', 'review.for', 'col.created', 'col.state', 'col.action'],
    ordered.map((c) => [
      suggested(c) ? [c.reference || c.intentId, ' ', h('span', { class: 'tag suggested' }, t('review.suggested'))]
        : c.reference || c.intentId,
      [c.buyerName, c.buyerEmail].filter(Boolean).join(' · '),
      money(c.amount),
      [c.item, c.note].filter(Boolean).join(' · '), // what each was for: tells two intents of one buyer and amount apart
      when(c.createdAt),
      t(`intent.${c.state}`),
      c.state === 'open'
        ? h('button', { type: 'button', class: suggested(c) ? 'match-candidate primary' : 'match-candidate', onclick: () => match(order.orderId, c.intentId, refresh) },
          t('review.matchThis'))
        : '',
    ]));
}

function byIntentId(order, refresh) {
  const input = h('input', { name: 'intentId', placeholder: 'in_…', pattern: 'in_[a-z0-9]{20}', required: true, spellcheck: 'false' });
  const form = h('form', { class: 'inline match-by-id' },
    h('label', {}, t('review.intentId'), input),
    h('button', { type: 'submit' }, t('review.matchById')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    match(order.orderId, input.value.trim(), refresh);
  });
  return form;
}

function card(order, refresh) {
  return h('article', { class: 'card review-item', dataset: { orderId: order.orderId } },
    h('header', {},
      h('a', { href: `#/orders/${order.orderId}` }, order.orderId), ' ',
      statusBadge(order.status), ' ', h('strong', {}, money(order.amount)), ' ', order.provider,
      order.test ? h('span', { class: 'tag' }, t('order.test')) : ''),
    h('dl', {},
      h('dt', {}, t('col.buyer')), h('dd', {}, [order.buyer.name, order.buyer.email].filter(Boolean).join(' · ')),
      h('dt', {}, t('col.message')), h('dd', {}, order.message || ''),
      h('dt', {}, t('col.created')), h('dd', {}, when(order.createdAt)),
      h('dt', {}, t('review.reason')), h('dd', { class: 'reason' }, order.match.reason || '')),
    h('h3', {}, t('review.candidates')),
    candidates(order, refresh),
    byIntentId(order, refresh),
    ...withoutIntent(order, refresh));
}

export async function reviewScreen(refresh) {
  const { orders } = await api('GET', '/review?limit=50');
  return h('section', { id: 'review' },
    h('h2', {}, t('review.title')),
    h('p', { class: 'muted' }, t('review.intro')),
    orders.length ? orders.map((o) => card(o, refresh)) : h('p', { class: 'empty' }, t('review.empty')));
}
