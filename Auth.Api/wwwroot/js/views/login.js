// /login: sign in, then return to ?next= (the page the user was on) or /profile.
// A disabled account (403 code "account_disabled", only after the right password) gets the API's message.
import { h, field, withBusy } from '../dom.js';
import { api, hasSession, ApiError } from '../api.js';
import { safeNext } from '../router.js';
import { page, card } from './common.js';
import { formAlert, resetErrors, showProblem } from './forms.js';
import { signedInNote } from './signup.js';

const DISABLED_MESSAGE = 'This account is disabled. Ask an admin to enable it.';

export function loginView(ctx) {
  const next = ctx.params.get('next');
  const fields = {
    username: field({
      id: 'login-username', name: 'username', label: 'Username', autocomplete: 'username',
      attrs: { autocapitalize: 'none', spellcheck: 'false', required: true },
    }),
    password: field({
      id: 'login-password', name: 'password', label: 'Password', type: 'password',
      autocomplete: 'current-password', reveal: true, attrs: { required: true },
    }),
  };
  const preset = ctx.params.get('username');
  if (preset) fields.username.input.value = preset;

  const alertEl = formAlert('login-error');
  alertEl.setAttribute('tabindex', '-1');
  const submit = h('button', { type: 'submit', id: 'login-submit', class: 'btn btn--primary btn--block', dataset: { testid: 'login-submit' } }, 'Log in');
  const form = h('form', { id: 'login-form', class: 'form', novalidate: true, dataset: { testid: 'login-form' } },
    alertEl, fields.username.wrapper, fields.password.wrapper, submit);

  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    resetErrors(fields, alertEl);
    try {
      await withBusy(submit, 'Logging in\u2026', async () => {
        try {
          if (hasSession()) {
            // Switching accounts: end the current session first.
            await api.logout();
            document.getElementById('signed-in-note')?.remove();
            await ctx.refreshSession();
          }
          await api.login(fields.username.input.value.trim(), fields.password.input.value);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          showProblem(error, fields, alertEl, { 401: 'Wrong username or password.', 403: DISABLED_MESSAGE });
          if (error.status === 401) {
            fields.password.input.value = '';
            fields.password.input.focus();
          } else if (error.status === 403 || error.status === 429) {
            alertEl.focus(); // nothing to fix in the fields: read the message
          }
          return;
        }
        await ctx.navigate(safeNext(next));
      });
    } finally {
      busy = false;
    }
  });

  const toReset = h('a', { href: '/reset', id: 'to-reset', dataset: { testid: 'to-reset' } }, 'Have a reset code?');
  const linkReset = () => {
    const name = fields.username.input.value.trim();
    toReset.setAttribute('href', name ? `/reset?username=${encodeURIComponent(name)}` : '/reset');
  };
  fields.username.input.addEventListener('input', linkReset);
  linkReset();

  return page('view-login', 'Log in', {
    className: 'page--narrow',
    lead: next ? 'Log in to continue where you left off.' : 'Welcome back. Log in to your account.',
  },
    signedInNote(ctx.me),
    card(null, form),
    h('p', { class: 'below-card' }, toReset, ' Set a new password with it.'),
    ctx.me.signupOpen !== false
      ? h('p', { class: 'below-card below-card--tight' }, 'New here? ',
        h('a', { href: next ? `/signup?next=${encodeURIComponent(next)}` : '/signup', id: 'to-signup' }, 'Create an account'))
      : null,
  );
}
