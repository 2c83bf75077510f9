// The admin JSON API, called with the key the admin signed in with (kept in this tab's session storage).
const STORAGE = 'orderhub.admin';

/** The API's base path: the page lives at <base>/admin/ui/, so a deployed stage prefix is kept. */
const base = location.pathname.replace(/\/admin\/ui(\/.*)?$/, '');

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function session() {
  const s = sessionStorage.getItem(STORAGE);
  return s ? JSON.parse(s) : null;
}

export function signIn(clientId, key) {
  sessionStorage.setItem(STORAGE, JSON.stringify({ clientId, key }));
}

export function signOut() {
  sessionStorage.removeItem(STORAGE);
}

/** Calls /admin/sites/<clientId><path>; resolves to the JSON answer, rejects with an ApiError. */
export async function api(method, path, body) {
  const s = session();
  if (!s) throw new ApiError(401, 'UNAUTHORIZED', 'not signed in');
  const headers = { authorization: `Bearer ${s.key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${base}/admin/sites/${encodeURIComponent(s.clientId)}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  const text = await r.text();
  const json = text ? JSON.parse(text) : {};
  if (!r.ok) {
    const e = json.error || {};
    throw new ApiError(r.status, e.code || String(r.status), e.message || json.message || r.statusText);
  }
  return json;
}

/** Every order of the site, newest first, following the cursor up to max orders. */
export async function allOrders(max = 1000) {
  const out = [];
  let cursor = null;
  do {
    const q = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await api('GET', `/orders?limit=200${q}`);
    out.push(...page.orders);
    cursor = page.next;
  } while (cursor && out.length < max);
  return out;
}
