/*
 * Auth single-page app: no build step, no framework, ES modules only; works under the CSP
 * `default-src 'self'` (no inline script/style, all user data written with textContent).
 *
 * Routes: /  /signup[?next=]  /login[?next=/path]  /reset[?username=]  /profile  /admin[?page=&pageSize=]
 *         anything else -> "Page not found". Guests opening /profile or /admin go to
 *         /login?next=<that page> and come back after logging in.
 * Tokens: access token in memory only; refresh token in sessionStorage["auth.refreshToken"].
 *
 * Stable selectors for browser tests (each id is also the data-testid unless noted):
 *   Layout    main#main (aria-busy="true" while a page loads), body[data-route="/admin"|"not-found"|...]
 *             view roots: #view-home #view-signup #view-login #view-profile #view-admin
 *             #not-allowed (the API said 403; h1 "Not allowed")  #not-found (unknown path)  #error-view
 *   Messages  #status  role=status (success/info) holding [data-testid=flash-success|flash-info]
 *             #alert   role=alert  (errors, e.g. the admin 409 "would leave no admin") holding
 *                      [data-testid=flash-error]; each message has a [data-testid=flash-dismiss] button.
 *             The regions' textContent is exactly the message text.
 *             Form-level errors: #signup-error / #login-error (role=alert, data-testid=form-error)
 *             Field errors: #signup-username-error #signup-password-error #login-username-error
 *                           #login-password-error (inputs get aria-invalid="true")
 *   Nav       #nav-home (brand link) #nav-login #nav-signup #nav-profile #nav-admin
 *             #nav-username (signed-in name)  button#sign-out (data-testid=nav-signout)
 *   Sign up   form#signup-form  input#signup-username  input#signup-password  button#signup-submit
 *   Log in    form#login-form   input#login-username   input#login-password   button#login-submit
 *             (password show/hide: #signup-password-toggle / #login-password-toggle, testid only)
 *   Profile   #profile-welcome (the API's message)  #profile-username #profile-role #profile-created #profile-id
 *             change password: form#password-form input#password-current input#password-new button#password-submit
 *                              #password-error (form-level)  #password-current-error #password-new-error
 *             sessions: table#sessions-table, rows tr[data-testid=session-row][data-session-id][data-current=true|false]
 *                       (user agent [data-testid=session-agent], "this device" [data-testid=session-current]),
 *                       per other session button[data-testid=end-session]; button#end-other-sessions
 *             delete: button#delete-account -> form#delete-form input#delete-password button#delete-confirm
 *                     button#delete-cancel (Esc cancels) #delete-error
 *   Reset     form#reset-form input#reset-username input#reset-code input#reset-password button#reset-submit
 *             #reset-error; reached from the login page's a#to-reset ("Have a reset code?")
 *   Sign-up closed (GET /api/me says signupOpen:false): no #nav-signup / #to-signup / #home-signup; /signup shows #signup-closed
 *   Admin     #admin-welcome (the API's message)  table#users-table  #users-summary
 *             rows: tr[data-testid=user-row][data-username="bob"][data-user-id="7"][data-role="user"]
 *             in a row: select[data-testid=role-select] (id role-<userId>, label "Role for <name>")
 *                       button[data-testid=role-apply] (enabled once the select differs from the role)
 *                       button[data-testid=delete-user] -> in-page confirm:
 *                       button[data-testid=confirm-delete] / button[data-testid=cancel-delete] (Esc cancels)
 *             paging: #users-prev #users-next #users-page-info #users-page-size
 *             rows also carry data-status="active|disabled" and [data-testid=status-badge];
 *             button[data-testid=manage-user] (aria-expanded) opens tr[data-testid=user-panel] below the row with
 *             button[data-testid=status-toggle] (Disable account / Enable account),
 *             button[data-testid=issue-reset-code] -> code in [data-testid=reset-code] (shown once),
 *             [data-testid=user-sessions] (a session table) and button[data-testid=end-user-sessions]
 *             create: form#create-user-form input#create-username select#create-role input#create-password
 *                     button#create-submit #create-error; #create-result holds [data-testid=one-time-code]
 * Busy buttons: disabled + aria-busy="true" + spinner and "...ing" text while a request runs.
 * Expected API failures (401 wrong password, 403 not allowed, 409 ...) show up in Chromium's
 * console as "Failed to load resource" network entries; the app logs nothing else (only its own bugs).
 */
import { mount } from './dom.js';
import { ApiError, getRefreshToken, onAuthLost, refresh, api } from './api.js';
import { currentLocation, navigate, startRouter } from './router.js';
import * as flash from './flash.js';
import * as session from './session.js';
import { renderNav } from './nav.js';
import { errorView, loadingView, notAllowedView, notFoundView } from './views/common.js';
import { homeView } from './views/home.js';
import { signupView } from './views/signup.js';
import { loginView } from './views/login.js';
import { profileView } from './views/profile.js';
import { adminView } from './views/admin.js';
import { resetView } from './views/reset.js';

const routes = {
  '/': { view: homeView, title: 'Home' },
  '/signup': { view: signupView, title: 'Sign up' },
  '/login': { view: loginView, title: 'Log in' },
  '/reset': { view: resetView, title: 'Set a new password' },
  '/profile': { view: profileView, title: 'Your profile', signedIn: true },
  '/admin': { view: adminView, title: 'Admin console', signedIn: true },
};

const main = document.getElementById('main');
let renderId = 0;

function normalisePath(pathname) {
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed.toLowerCase();
}

function setTitle(title) {
  document.title = `${title} \u00b7 Auth`;
}

function updateNav(path) {
  renderNav(session.getMe(), path, { onSignOut: signOut });
}

function redirectToLogin(message) {
  const here = currentLocation();
  flash.next('info', message);
  return navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
}

async function signOut() {
  await api.logout();
  session.setGuest();
  flash.next('success', 'You have signed out.');
  await navigate('/');
}

/** Ends the session with a custom message (e.g. after deleting one's own account). */
async function signOutLocally(message) {
  await api.logout();
  session.setGuest();
  flash.next('info', message);
  await navigate('/');
}

// Any API call that still gets 401 after one refresh ends up here.
onAuthLost(() => {
  session.setGuest();
  const path = normalisePath(location.pathname);
  updateNav(path);
  if (path === '/login' || path === '/signup' || path === '/reset') return;
  redirectToLogin('Your session has ended. Please log in again.');
});

async function render({ focus }) {
  const id = ++renderId;
  const isCurrent = () => id === renderId;
  const path = normalisePath(location.pathname);
  const route = routes[path];
  document.body.dataset.route = route ? path : 'not-found';
  main.setAttribute('aria-busy', 'true');
  // Anything slower than a blink shows a loading indicator instead of the old page.
  const slow = setTimeout(() => { if (isCurrent()) mount(main, loadingView()); }, 150);
  try {
    await renderRoute(isCurrent, path, route, focus);
  } finally {
    clearTimeout(slow);
  }
}

async function renderRoute(isCurrent, path, route, focus) {
  // Ask the server who we are on every navigation: a role changed in the database
  // shows up in the navigation at once.
  try {
    await session.loadMe();
  } catch {
    /* keep the last known state; the page itself will report the problem */
  }
  if (!isCurrent()) return;
  updateNav(path);
  flash.onNavigate();

  let node;
  if (!route) {
    setTitle('Page not found');
    node = notFoundView();
  } else if (route.signedIn && !session.isSignedIn()) {
    redirectToLogin('Please log in to continue.');
    return;
  } else {
    setTitle(route.title);
    const ctx = {
      path,
      params: new URLSearchParams(location.search),
      me: session.getMe(),
      navigate,
      isCurrent,
      rerender: () => render({ focus: false }),
      refreshSession: async () => { await session.loadMe(); updateNav(path); return session.getMe(); },
      signOutLocally,
    };
    try {
      node = await route.view(ctx);
    } catch (error) {
      node = failureView(error, ctx);
    }
  }
  if (!isCurrent() || !node) return;
  mount(main, node);
  main.removeAttribute('aria-busy');
  if (focus) {
    const heading = main.querySelector('h1');
    (heading || main).focus({ preventScroll: true });
  }
}

function failureView(error, ctx) {
  if (error instanceof ApiError) {
    if (error.authLost) return null; // already on the way to /login
    if (error.status === 401) { redirectToLogin('Please log in to continue.'); return null; }
    if (error.status === 403) { setTitle('Not allowed'); return notAllowedView({ me: session.getMe(), message: error.problem.message }); }
  } else {
    console.error(error); // a bug in the app itself
  }
  setTitle('Something went wrong');
  return errorView(error, () => ctx.rerender());
}

async function start() {
  // A reload keeps the session: trade the stored refresh token for a new access token.
  if (getRefreshToken()) {
    try { await refresh(); } catch { /* server unreachable: requests will retry */ }
  }
  startRouter(render);
}

start();

