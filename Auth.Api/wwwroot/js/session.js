// Who is signed in, as reported by GET /api/me. The server is the source of truth: a role
// changed in the database shows up at the next navigation.
import { api, ApiError } from './api.js';

const GUEST = Object.freeze({ role: 'guest' });
let me = GUEST;

export function getMe() { return me; }

/** Signed in = the API knows who we are (even if that account's role is "guest"). */
export function isSignedIn() { return me.id !== undefined && me.id !== null; }

export function setGuest() { me = GUEST; }

/** Reloads the current user. Network failures keep the last known state. */
export async function loadMe() {
  try {
    const data = await api.me();
    me = data && typeof data === 'object' ? data : GUEST;
  } catch (e) {
    if (e instanceof ApiError && e.status === 0) return me;
    if (e instanceof ApiError && e.status === 401) { me = GUEST; return me; }
    throw e;
  }
  return me;
}
