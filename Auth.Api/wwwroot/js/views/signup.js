// /signup: create an account, then log in automatically and go to /profile.
import { h, field, withBusy } from '../dom.js';
import { api, hasSession, ApiError } from '../api.js';
import * as flash from '../flash.js';
import { safeNext } from '../router.js';
import { page, card } from './common.js';
import { formAlert, resetErrors, showProblem } from './forms.js';

export function signupView(ctx) {
  if (ctx.me.signupOpen === false) return closedView();
  const fields = {
    username: field({
      id: 'signup-username', name: 'username', label: 'Username', autocomplete: 'username',
      hint: '3 to 32 characters: letters, digits, dot, dash or underscore.',
      attrs: { autocapitalize: 'none', spellcheck: 'false', required: true },
    }),
    password: field({
      id: 'signup-password', name: 'password', label: 'Password', type: 'password',
      autocomplete: 'new-password', hint: 'At least 8 characters.', reveal: true,
      attrs: { required: true },
    }),
  };
  const alertEl = formAlert('signup-error');
  const submit = h('button', { type: 'submit', id: 'signup-submit', class: 'btn btn--primary btn--block', dataset: { testid: 'signup-submit' } }, 'Create account');
  const form = h('form', { id: 'signup-form', class: 'form', novalidate: true, dataset: { testid: 'signup-form' } },
    alertEl, fields.username.wrapper, fields.password.wrapper, submit);

  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    const username = fields.username.input.value.trim();
    const password = fields.password.input.value;
    resetErrors(fields, alertEl);
    try {
      await withBusy(submit, 'Creating account\u2026', async () => {
        try {
          await api.signup(username, password);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          showProblem(error, fields, alertEl, { 409: 'That username is already taken.' });
          return;
        }
        // Account created: log straight in.
        try {
          if (hasSession()) await api.logout();
          await api.login(username, password);
          flash.next('success', `Account created. Welcome, ${username}!`);
          await ctx.navigate(safeNext(ctx.params.get('next'), '/profile'));
        } catch {
          flash.next('success', 'Your account was created. Please log in.');
          await ctx.navigate(`/login?username=${encodeURIComponent(username)}`);
        }
      });
    } finally {
      busy = false;
    }
  });

  return page('view-signup', 'Create your account', { className: 'page--narrow', lead: 'One account for every app that uses this service.' },
    signedInNote(ctx.me),
    card(null, form),
    h('p', { class: 'below-card' }, 'Already have an account? ',
      h('a', { href: ctx.params.get('next') ? `/login?next=${encodeURIComponent(ctx.params.get('next'))}` : '/login', id: 'to-login' }, 'Log in')),
  );
}

/** Signup:Mode is "closed": accounts are made by an admin, who hands over a one-time code. */
function closedView() {
  return page('view-signup', 'Sign-up is closed', { className: 'page--narrow', lead: 'New accounts are created by an administrator.' },
    card({ id: 'signup-closed', dataset: { testid: 'signup-closed' } },
      h('p', { text: 'Ask an admin to create your account. They give you a one-time code to set your password with.' }),
      h('div', { class: 'actions' },
        h('a', { href: '/reset', class: 'btn btn--primary', id: 'closed-to-reset', text: 'I have a code' }),
        h('a', { href: '/login', class: 'btn btn--secondary', id: 'closed-to-login', text: 'Log in' }))),
  );
}

export function signedInNote(me) {
  if (me.id === undefined || me.id === null) return null;
  return h('p', { class: 'note', id: 'signed-in-note' },
    'You are signed in as ', h('strong', { text: me.username }),
    '. Continuing will sign you out of that account first.');
}
