// The admin page: sign-in, then one screen per hash route; the navigation is drawn from the same list (routes.js).
import { api, ApiError, session, signIn, signOut } from './api.js';
import { h, notify, clearNotice } from './dom.js';
import { language, setLanguage, t, translate } from './i18n.js';
import { routes } from './routes.js';

const main = document.getElementById('main');

function signInScreen() {
  const clientId = h('input', { id: 'client-id', name: 'clientId', required: true, autocomplete: 'username', spellcheck: 'false' });
  const key = h('input', { id: 'admin-key', name: 'key', type: 'password', required: true, autocomplete: 'current-password' });
  const form = h('form', { class: 'card narrow', id: 'sign-in' },
    h('h2', {}, t('signIn.title')),
    h('label', {}, t('signIn.clientId'), clientId),
    h('label', {}, t('signIn.key'), key),
    h('button', { type: 'submit' }, t('signIn.submit')),
    h('p', { class: 'hint' }, t('signIn.hint')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    signIn(clientId.value.trim(), key.value.trim());
    try {
      await api('GET', '/settings'); // any site key may read it: proves the key and the site
      clearNotice();
      location.hash = '#/review';
      render();
    } catch (err) {
      signOut();
      notify(t('signIn.failed', { message: err.message }), 'error');
    }
  });
  return form;
}

/** The navigation: one link per route that has a nav word, in the list's order. */
function drawNav() {
  const nav = document.getElementById('nav');
  nav.replaceChildren(...routes.filter((r) => r.nav).map((r) => h('a', { href: r.hash }, t(r.nav))));
}

// Each render's number: a screen that is still loading when another render starts (a refresh after an action, then a
// click in the navigation) must not replace the newer screen when its answer comes in last.
let renders = 0;

/** Draws the screen of the current hash; an unknown hash shows the first route (the review queue). */
async function render() {
  const mine = ++renders;
  translate(document);
  drawNav();
  const s = session();
  document.getElementById('nav').hidden = !s;
  document.getElementById('sign-out').hidden = !s;
  document.getElementById('site').textContent = s ? s.clientId : '';
  if (!s) {
    main.replaceChildren(signInScreen());
    return;
  }
  const hash = location.hash || '#/review';
  const route = routes.find((r) => r.pattern.test(hash)) || routes[0];
  const args = (route.pattern.exec(hash) || []).slice(1);
  const section = route.section || route.hash;
  document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('active', a.getAttribute('href') === section));
  main.replaceChildren(h('p', { class: 'loading' }, t('loading')));
  try {
    const drawn = await route.screen(...args, render);
    if (mine === renders) main.replaceChildren(drawn);
  } catch (err) {
    if (mine !== renders) return;
    if (err instanceof ApiError && err.status === 401) {
      signOut();
      notify(t('signedOut'), 'error');
      render();
      return;
    }
    main.replaceChildren();
    notify(t('error', { message: err.message }), 'error');
  }
}

const languageSelect = document.getElementById('language');
languageSelect.value = language();
languageSelect.addEventListener('change', () => {
  setLanguage(languageSelect.value);
  render();
});
document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  clearNotice();
  location.hash = '';
  render();
});
window.addEventListener('hashchange', () => {
  clearNotice();
  render();
});
render();
