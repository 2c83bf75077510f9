// The admin JSON API, called with the key the admin signed in with (kept in this tab's session storage).
const STORAGE = 'orderhub.admin';

/** The API's base path: the page lives at <base>/admin/ui/, so a deployed stage prefix is kept. */
export const apiBase = location.pathname.replace(/\/admin\/ui(\/.*)?$/, '');

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

function request(method, path, body) {
  const s = session();
  if (!s) throw new ApiError(401, 'UNAUTHORIZED', 'not signed in');
  const headers = { authorization: `Bearer ${s.key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${apiBase}/admin/sites/${encodeURIComponent(s.clientId)}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
}

async function failure(r, text) {
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch (e) { json = {}; }
  const e = json.error || {};
  const err = new ApiError(r.status, e.code || String(r.status), e.message || json.message || r.statusText);
  err.field = e.field;
  err.problems = json.problems || e.problems || [];
  return err;
}

/** Calls /admin/sites/<clientId><path>; resolves to the JSON answer, rejects with an ApiError (with field, problems). */
export async function api(method, path, body) {
  const r = await request(method, path, body);
  const text = await r.text();
  if (!r.ok) throw await failure(r, text);
  return text ? JSON.parse(text) : {};
}

/** A GET whose answer is not JSON (an export page): {text, next} with next the X-Next-Cursor header. */
export async function apiText(path) {
  const r = await request('GET', path);
  const text = await r.text();
  if (!r.ok) throw await failure(r, text);
  return { text, next: r.headers.get('x-next-cursor') };
}

/** path?name=value&… with the empty values left out. */
export function withQuery(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const text = q.toString();
  return text ? `${path}?${text}` : path;
}
