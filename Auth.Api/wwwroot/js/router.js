// History-API routing: pushState navigation, popstate, and interception of same-origin
// link clicks. Route matching lives in app.js; this module only reports "the URL changed".

// Paths the server owns (API, health checks, OpenAPI/Swagger): always full page loads.
const SERVER_PATHS = /^\/(api|health|openapi|swagger)(\/|$)/i;

let onChange = () => {};
let lastLocation = null; // "/path?query" of the last render, to ignore hash-only changes

/** Current location as "/path?query". */
export function currentLocation() {
  return location.pathname + location.search;
}

/**
 * Navigates within the SPA. `to` is a same-origin path such as "/login?next=%2Fadmin".
 * Returns a promise that settles once the new page has rendered.
 */
export function navigate(to, { replace = false } = {}) {
  const url = new URL(to, location.origin);
  if (url.origin !== location.origin || SERVER_PATHS.test(url.pathname)) {
    location.assign(url.href);
    return Promise.resolve();
  }
  const target = url.pathname + url.search + url.hash;
  if (replace) history.replaceState(null, '', target);
  else if (target !== currentLocation() + location.hash) history.pushState(null, '', target);
  if (!replace) window.scrollTo(0, 0);
  return Promise.resolve(onChange({ focus: true }));
}

/** Updates the query string without a new history entry and without re-rendering. */
export function replaceQuery(params) {
  const search = params.toString();
  history.replaceState(history.state, '', location.pathname + (search ? `?${search}` : ''));
  lastLocation = currentLocation();
}

/**
 * A "next" parameter is only honoured when it is a same-origin SPA path, so a crafted
 * link such as /login?next=https://evil.example cannot send the user elsewhere.
 */
export function safeNext(value, fallback = '/profile') {
  if (!value || typeof value !== 'string') return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  const url = new URL(value, location.origin);
  if (url.origin !== location.origin || SERVER_PATHS.test(url.pathname)) return fallback;
  if (url.pathname === '/login' || url.pathname === '/signup' || url.pathname === '/reset') return fallback;
  return url.pathname + url.search;
}

function onClick(event) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!link) return;
  if ((link.target && link.target !== '_self') || link.hasAttribute('download')) return;
  if ((link.getAttribute('rel') || '').split(/\s+/).includes('external')) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || SERVER_PATHS.test(url.pathname)) return;
  // In-page anchors (e.g. the skip link) are left to the browser.
  if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

/** Starts listening and renders the current URL once. */
export function startRouter(handler) {
  onChange = (options) => {
    lastLocation = currentLocation();
    return handler(options);
  };
  window.addEventListener('popstate', () => {
    // Following an in-page anchor (the skip link) also fires popstate: not a new page.
    if (currentLocation() === lastLocation) return;
    onChange({ focus: true });
  });
  document.addEventListener('click', onClick);
  onChange({ focus: false });
}
