// /reset: set a new password with the one-time code an admin handed over (a new account's
// first password, or a forgotten one). The API answers like a login, so the person is then
// signed in and goes to /profile. Every wrong username/code gets one identical 400 (shown at
// the code field): the page cannot tell, and does not try to tell, which of the two was wrong.
import { h, field, withBusy } from '../dom.js';
import { api, hasSession, ApiError } from '../api.js';
import * as flash from '../flash.js';
import { page, card } from './common.js';
import { formAlert, resetErrors, showProblem } from './forms.js';
import { signedInNote } from './signup.js';

export function resetView(ctx) {
  const fields = {
    username: field({
      id: 'reset-username', name: 'username', label: 'Username', autocomplete: 'username',
      attrs: { autocapitalize: 'none', spellcheck: 'false', required: true },
    }),
    code: field({
      id: 'reset-code', name: 'code', label: 'Reset code', autocomplete: 'one-time-code',
      hint: 'The one-time code your administrator gave you.',
      attrs: { autocapitalize: 'none', spellcheck: 'false', required: true },
    }),
    newPassword: field({
      id: 'reset-password', name: 'newPassword', label: 'New password', type: 'password',
      autocomplete: 'new-password', hint: 'At least 8 characters.', reveal: true, attrs: { required: true },
    }),
  };
  const preset = ctx.params.get('username');
  if (preset) fields.username.input.value = preset;

  const alertEl = formAlert('reset-error');
  alertEl.setAttribute('tabindex', '-1');
  const submit = h('button', { type: 'submit', id: 'reset-submit', class: 'btn btn--primary btn--block', dataset: { testid: 'reset-submit' } }, 'Set password and log in');
  const form = h('form', { id: 'reset-form', class: 'form', novalidate: true, dataset: { testid: 'reset-form' } },
    alertEl, fields.username.wrapper, fields.code.wrapper, fields.newPassword.wrapper, submit);

  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    const username = fields.username.input.value.trim();
    resetErrors(fields, alertEl);
    try {
      await withBusy(submit, 'Setting password\u2026', async () => {
        try {
          if (hasSession()) {
            // Signed in as someone else in this tab: end that session first.
            await api.logout();
            document.getElementById('signed-in-note')?.remove();
            await ctx.refreshSession();
          }
          await api.resetPassword(username, fields.code.input.value.trim(), fields.newPassword.input.value);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          showProblem(error, fields, alertEl);
          if (error.status === 403 || error.status === 429) alertEl.focus();
          return;
        }
        flash.next('success', `Your new password is set. Welcome, ${username}!`);
        await ctx.navigate('/profile');
      });
    } finally {
      busy = false;
    }
  });

  return page('view-reset', 'Set a new password', {
    className: 'page--narrow',
    lead: 'Use the one-time code from your administrator. It works once and expires.',
  },
    signedInNote(ctx.me),
    card(null, form),
    h('p', { class: 'below-card' }, 'Remember your password? ', h('a', { href: '/login', id: 'reset-to-login' }, 'Log in')),
  );
}
