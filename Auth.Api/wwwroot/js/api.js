// Fetch wrapper, token storage and refresh.
//
// - The access token (JWT) lives in memory only (a module variable).
// - The refresh token lives in sessionStorage (per tab, gone when the tab closes).
// - A 401 on an authenticated call triggers one refresh (shared by concurrent callers,
//   because refresh tokens are single-use) and one retry. If that fails, the tokens are
//   cleared and the `onAuthLost` handler (set by app.js) sends the user to /login.

const REFRESH_KEY = 'auth.refreshToken';
// Refresh a little before the access token's stated expiry to avoid a needless 401.
const EXPIRY_MARGIN_MS = 15_000;

let accessToken = null;
let accessExpiresAt = 0; // when to refresh proactively (ms since epoch), 0 = unknown
let refreshInFlight = null;
let authLostHandler = () => {};

/** An error answer from the API (problem+json) or a network failure (status 0). */
export class ApiError extends Error {
  constructor(status, body, { authLost = false } = {}) {
    const problem = body && typeof body === 'object' ? body : {};
    super(problem.message || problem.title || defaultMessage(status));
    this.name = 'ApiError';
    this.status = status;
    this.title = problem.title || '';
    this.problem = problem;
    this.errors = normaliseErrors(problem.errors);
    this.authLost = authLost;
  }
}

function defaultMessage(status) {
  switch (status) {
    case 0: return 'Could not reach the server. Check your connection and try again.';
    case 400: return 'Please check the highlighted fields.';
    case 401: return 'You need to log in.';
    case 403: return 'You are not allowed to do that.';
    case 404: return 'Not found.';
    case 409: return 'That conflicts with the current state.';
    case 429: return 'Too many attempts. Please wait a moment and try again.';
    default: return `Something went wrong (HTTP ${status}). Please try again.`;
  }
}

/** Maps validation keys ("Username", "$.username", "username") to camelCase field names. */
function normaliseErrors(errors) {
  const out = {};
  if (!errors || typeof errors !== 'object') return out;
  for (const [rawKey, value] of Object.entries(errors)) {
    let key = String(rawKey).replace(/^\$\.?/, '');
    key = key ? key[0].toLowerCase() + key.slice(1) : '';
    const list = (Array.isArray(value) ? value : [value]).map(String);
    out[key] = (out[key] || []).concat(list);
  }
  return out;
}

export function onAuthLost(handler) { authLostHandler = handler; }

export function getRefreshToken() {
  try { return sessionStorage.getItem(REFRESH_KEY); } catch { return null; }
}

export function hasSession() { return Boolean(accessToken || getRefreshToken()); }

function storeTokens(data) {
  if (!data || !data.token) throw new ApiError(500, { message: 'The server sent an unexpected answer.' });
  accessToken = data.token;
  const seconds = Number(data.expiresIn);
  // Refresh ahead of the stated expiry: 15 s early, or a quarter of a very short lifetime.
  accessExpiresAt = Number.isFinite(seconds) && seconds > 0
    ? Date.now() + seconds * 1000 - Math.min(EXPIRY_MARGIN_MS, seconds * 250)
    : 0;
  try {
    if (data.refreshToken) sessionStorage.setItem(REFRESH_KEY, data.refreshToken);
    else sessionStorage.removeItem(REFRESH_KEY);
  } catch { /* storage disabled: the session simply will not survive a reload */ }
}

export function clearTokens() {
  accessToken = null;
  accessExpiresAt = 0;
  try { sessionStorage.removeItem(REFRESH_KEY); } catch { /* ignore */ }
}

async function send(method, path, body, token) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, null);
  }
  let data = null;
  const type = response.headers.get('Content-Type') || '';
  if (response.status !== 204 && type.includes('json')) {
    try { data = await response.json(); } catch { data = null; }
  }
  return { status: response.status, ok: response.ok, data, headers: response.headers };
}

/**
 * Exchanges the stored refresh token for a new token pair. Concurrent callers share one
 * request. Resolves true on success, false when there is no usable refresh token
 * (tokens are then cleared). Network errors reject with ApiError(0).
 */
export function refresh() {
  if (!refreshInFlight) {
    refreshInFlight = (async () => {
      const refreshToken = getRefreshToken();
      if (!refreshToken) { clearTokens(); return false; }
      const res = await send('POST', '/api/token/refresh', { refreshToken });
      if (res.ok && res.data && res.data.token) { storeTokens(res.data); return true; }
      if (res.status === 0 || res.status >= 500) throw new ApiError(res.status, res.data);
      clearTokens();
      return false;
    })().finally(() => { refreshInFlight = null; });
  }
  return refreshInFlight;
}

/**
 * request('GET', '/api/profile') -> parsed JSON (null for 204). Throws ApiError otherwise.
 * options.auth = false: never send a token and never refresh (sign up, log in).
 */
export async function request(method, path, { body, auth = true } = {}) {
  if (!auth) {
    const res = await send(method, path, body, null);
    if (!res.ok) throw withRetryAfter(new ApiError(res.status, res.data), res);
    return res.data;
  }

  const hadSession = hasSession();

  // Access token about to expire (or gone after a reload): refresh before sending.
  if (hadSession && tokenStale()) {
    let refreshed = true;
    try { refreshed = await refresh(); } catch { /* network trouble: try the request anyway */ }
    if (!refreshed) throw authLost(null);
  }

  let res = await send(method, path, body, accessToken);
  if (res.status === 401 && hadSession) {
    const refreshed = await refresh();
    if (refreshed) res = await send(method, path, body, accessToken);
    if (!refreshed || res.status === 401) throw authLost(res.data);
  }
  if (!res.ok) throw withRetryAfter(new ApiError(res.status, res.data), res);
  return res.data;
}

function tokenStale() {
  return Boolean(getRefreshToken()) &&
    (!accessToken || (accessExpiresAt > 0 && Date.now() > accessExpiresAt));
}

function authLost(body) {
  clearTokens();
  const error = new ApiError(401, body, { authLost: true });
  authLostHandler(error);
  return error;
}

function withRetryAfter(error, res) {
  const retryAfter = Number(res.headers && res.headers.get('Retry-After'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) error.retryAfter = retryAfter;
  return error;
}

// ---- Endpoints --------------------------------------------------------------------------

export const api = {
  signup: (username, password) => request('POST', '/api/signup', { body: { username, password }, auth: false }),

  async login(username, password) {
    const data = await request('POST', '/api/authenticate', { body: { username, password }, auth: false });
    storeTokens(data);
    return data;
  },

  /** Best effort: revokes the refresh token server-side, then forgets everything locally. */
  async logout() {
    try {
      if (tokenStale()) await refresh();
      const refreshToken = getRefreshToken();
      if (refreshToken && accessToken) await send('POST', '/api/logout', { refreshToken }, accessToken);
    } catch { /* ignore: signing out locally is what matters */ }
    clearTokens();
  },

  /** Sets a new password with an admin's one-time code; the answer signs the person in. */
  async resetPassword(username, code, newPassword) {
    const data = await request('POST', '/api/password/reset', { body: { username, code, newPassword }, auth: false });
    storeTokens(data);
    return data;
  },

  /** The server ends the current session and answers with a fresh one: keep using that. */
  async changePassword(currentPassword, newPassword) {
    const data = await request('PUT', '/api/me/password', { body: { currentPassword, newPassword } });
    storeTokens(data);
    return data;
  },

  /** The account and all its sessions are gone: there is nothing left to sign out of. */
  async deleteAccount(password) {
    await request('DELETE', '/api/me', { body: { password } });
    clearTokens();
  },

  sessions: () => request('GET', '/api/me/sessions'),
  endSession: (id) => request('DELETE', `/api/me/sessions/${encodeURIComponent(id)}`),
  endOtherSessions: () => request('DELETE', '/api/me/sessions'),

  me: () => request('GET', '/api/me'),
  profile: () => request('GET', '/api/profile'),
  adminWelcome: () => request('GET', '/api/admin'),
  listUsers: (page, pageSize) =>
    request('GET', `/api/admin/users?page=${encodeURIComponent(page)}&pageSize=${encodeURIComponent(pageSize)}`),
  setRole: (id, role) => request('PUT', `/api/admin/users/${encodeURIComponent(id)}/role`, { body: { role } }),
  deleteUser: (id) => request('DELETE', `/api/admin/users/${encodeURIComponent(id)}`),
  createUser: (username, role, password) =>
    request('POST', '/api/admin/users', { body: password ? { username, role, password } : { username, role } }),
  issueResetCode: (id) => request('POST', `/api/admin/users/${encodeURIComponent(id)}/password-reset`),
  setStatus: (id, status) => request('PUT', `/api/admin/users/${encodeURIComponent(id)}/status`, { body: { status } }),
  userSessions: (id) => request('GET', `/api/admin/users/${encodeURIComponent(id)}/sessions`),
  endUserSessions: (id) => request('DELETE', `/api/admin/users/${encodeURIComponent(id)}/sessions`),
};
