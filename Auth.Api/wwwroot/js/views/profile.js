// /profile: the users-area welcome (GET /api/profile), the account's details, and what a user
// does to their own account: change the password, see and end sessions, delete the account
// (after an in-page confirmation with the password, never window.confirm).
import { h, field, mount, withBusy } from '../dom.js';
import { api, ApiError } from '../api.js';
import * as flash from '../flash.js';
import { formatDateTime, plural } from '../format.js';
import { page, card, roleBadge } from './common.js';
import { formAlert, resetErrors, showProblem } from './forms.js';
import { describeAgent, sessionTable } from './sessions.js';

export async function profileView(ctx) {
  const data = await api.profile();
  const user = (data && data.user) || ctx.me;
  // After the profile: a 403 there (a signed-in guest) means "not allowed", with one failed request.
  const [sessionsResult] = await Promise.allSettled([api.sessions()]);

  const row = (label, id, value) => h('div', { class: 'details__row' },
    h('dt', { text: label }),
    h('dd', { id, dataset: { testid: id } }, value));

  const sessions = sessionsCard(ctx, sessionsResult);

  return page('view-profile', 'Your profile', {},
    card({ class: 'welcome' },
      h('span', { class: 'avatar avatar--lg', 'aria-hidden': 'true', text: (Array.from(user.username || '?')[0] || '?').toUpperCase() }),
      h('p', { class: 'welcome__text', id: 'profile-welcome', dataset: { testid: 'profile-welcome' }, text: data && data.message }),
    ),
    card(null,
      h('h2', { class: 'card__title', text: 'Account details' }),
      h('dl', { class: 'details', id: 'profile-details' },
        row('Username', 'profile-username', user.username),
        row('Role', 'profile-role', roleBadge(user.role)),
        row('Member since', 'profile-created',
          h('time', { datetime: user.createdAt, title: user.createdAt, text: formatDateTime(user.createdAt) })),
        row('Account ID', 'profile-id', h('code', { text: user.id })),
      ),
    ),
    passwordCard(ctx, () => sessions.reload()),
    sessions.node,
    deleteCard(ctx),
    user.role === 'admin'
      ? h('p', { class: 'below-card' }, 'You are an administrator. ', h('a', { href: '/admin', text: 'Open the admin console' }), '.')
      : null,
  );
}

/** Current + new password. The API answers with a fresh session (the old one is ended), which api.js keeps. */
function passwordCard(ctx, afterChange) {
  const fields = {
    currentPassword: field({
      id: 'password-current', name: 'currentPassword', label: 'Current password', type: 'password',
      autocomplete: 'current-password', reveal: true, attrs: { required: true },
    }),
    newPassword: field({
      id: 'password-new', name: 'newPassword', label: 'New password', type: 'password',
      autocomplete: 'new-password', hint: 'At least 8 characters.', reveal: true, attrs: { required: true },
    }),
  };
  const alertEl = formAlert('password-error');
  alertEl.setAttribute('tabindex', '-1');
  const submit = h('button', { type: 'submit', id: 'password-submit', class: 'btn btn--primary', dataset: { testid: 'password-submit' } }, 'Change password');
  const form = h('form', { id: 'password-form', class: 'form', novalidate: true, 'aria-labelledby': 'password-heading', dataset: { testid: 'password-form' } },
    alertEl, fields.currentPassword.wrapper, fields.newPassword.wrapper, h('div', null, submit));

  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    resetErrors(fields, alertEl);
    try {
      const changed = await withBusy(submit, 'Changing password\u2026', async () => {
        try {
          await api.changePassword(fields.currentPassword.input.value, fields.newPassword.input.value);
          return true;
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          if (error.authLost) return false;
          showProblem(error, fields, alertEl);
          if (error.status === 429 || !Object.keys(error.errors).length) alertEl.focus();
          return false;
        }
      });
      if (!changed || !ctx.isCurrent()) return;
      fields.currentPassword.input.value = '';
      fields.newPassword.input.value = '';
      flash.success('Your password is changed. Every other session was signed out.', { focus: true });
      await afterChange();
    } finally {
      busy = false;
    }
  });

  return card({ id: 'password-card' },
    h('h2', { class: 'card__title', id: 'password-heading', text: 'Change password' }),
    h('p', { class: 'muted card__text', text: 'Changing your password signs you out everywhere else.' }),
    form);
}

/** The account's sessions, newest first, with "Sign out" per other session and "Sign out everywhere else". */
function sessionsCard(ctx, initial) {
  const heading = h('h2', { class: 'card__title', id: 'sessions-heading', tabindex: '-1', text: 'Where you are signed in' });
  const summary = h('p', { class: 'muted', id: 'sessions-summary', dataset: { testid: 'sessions-summary' } });
  const body = h('div', { id: 'sessions-list', class: 'sessions-list' });
  const endOthers = h('button', {
    type: 'button', class: 'btn btn--secondary btn--sm', id: 'end-other-sessions', disabled: true,
    dataset: { testid: 'end-other-sessions' },
  }, 'Sign out everywhere else');
  const node = card({ class: 'card--flush', id: 'sessions-card', 'aria-labelledby': 'sessions-heading', role: 'region' },
    h('div', { class: 'card__head' }, h('div', { class: 'card__head-text' }, heading, summary), endOthers),
    body);

  function render(data) {
    const items = Array.isArray(data && data.items) ? data.items : [];
    const others = items.filter((s) => !s.current).length;
    summary.textContent = `${plural(items.length, 'active session', 'active sessions')}, newest first.`;
    endOthers.disabled = others === 0;
    mount(body, sessionTable({
      id: 'sessions-table', caption: 'Your sessions', items,
      action: (s) => (s.current ? null : signOutButton(s)),
    }));
  }

  function failed(error) {
    if (error instanceof ApiError && error.authLost) return;
    mount(body, h('p', { class: 'card__empty', text: 'Your sessions could not be loaded.' }));
    flash.error(error.message || 'Your sessions could not be loaded.');
  }

  async function reload() {
    body.setAttribute('aria-busy', 'true');
    try {
      render(await api.sessions());
    } catch (error) {
      failed(error);
    } finally {
      body.removeAttribute('aria-busy');
    }
  }

  function signOutButton(session) {
    const label = `Sign out ${describeAgent(session.userAgent)} from ${session.ip || 'an unknown address'}, last used ${formatDateTime(session.lastUsedAt)}`;
    const button = h('button', {
      type: 'button', class: 'btn btn--danger-ghost btn--sm', 'aria-label': label, dataset: { testid: 'end-session' },
    }, 'Sign out');
    button.addEventListener('click', async () => {
      const outcome = await withBusy(button, 'Signing out\u2026', async () => {
        try {
          await api.endSession(session.id);
          return 'ended';
        } catch (error) {
          if (error instanceof ApiError && error.authLost) return null;
          if (error instanceof ApiError && error.status === 404) return 'gone';
          flash.error(error.message);
          return null;
        }
      });
      if (!outcome || !ctx.isCurrent()) return;
      await reload();
      flash.success(outcome === 'ended' ? 'That session is signed out.' : 'That session had already ended.');
      heading.focus();
    });
    return button;
  }

  endOthers.addEventListener('click', async () => {
    const revoked = await withBusy(endOthers, 'Signing out\u2026', async () => {
      try {
        const result = await api.endOtherSessions();
        return Number(result && result.revoked) || 0;
      } catch (error) {
        if (!(error instanceof ApiError && error.authLost)) flash.error(error.message);
        return null;
      }
    });
    if (revoked === null || !ctx.isCurrent()) return;
    await reload();
    flash.success(revoked
      ? `Signed out ${plural(revoked, 'other session', 'other sessions')}.`
      : 'There were no other sessions to sign out.');
    heading.focus();
  });

  if (initial.status === 'fulfilled') render(initial.value);
  else failed(initial.reason);
  return { node, reload };
}

/** "Delete my account", then an in-page confirmation: the password and a final button (Esc cancels). */
function deleteCard(ctx) {
  const area = h('div', { class: 'danger-zone__area', id: 'delete-area' });

  function showStart() {
    const start = h('button', {
      type: 'button', class: 'btn btn--danger-ghost', id: 'delete-account', dataset: { testid: 'delete-account' },
    }, 'Delete my account');
    start.addEventListener('click', showConfirm);
    mount(area, start);
    return start;
  }

  function showConfirm() {
    const password = field({
      id: 'delete-password', name: 'password', label: 'Your password', type: 'password',
      autocomplete: 'current-password', reveal: true, attrs: { required: true },
    });
    const alertEl = formAlert('delete-error');
    alertEl.setAttribute('tabindex', '-1');
    const confirm = h('button', { type: 'submit', class: 'btn btn--danger', id: 'delete-confirm', dataset: { testid: 'delete-confirm' } }, 'Delete my account for good');
    const cancel = h('button', { type: 'button', class: 'btn btn--secondary', id: 'delete-cancel', dataset: { testid: 'delete-cancel' } }, 'Cancel');
    const form = h('form', { id: 'delete-form', class: 'form confirm-panel', novalidate: true, 'aria-labelledby': 'delete-confirm-text', dataset: { testid: 'delete-form' } },
      h('p', { class: 'confirm__text', id: 'delete-confirm-text', text: 'Delete your account? Enter your password to confirm. This cannot be undone.' }),
      alertEl, password.wrapper,
      h('div', { class: 'actions actions--tight' }, confirm, cancel));

    const back = () => showStart().focus();
    cancel.addEventListener('click', back);
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !confirm.disabled) { event.preventDefault(); back(); }
    });
    let busy = false;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy) return;
      busy = true;
      resetErrors({ password }, alertEl);
      cancel.disabled = true;
      try {
        const deleted = await withBusy(confirm, 'Deleting\u2026', async () => {
          try {
            await api.deleteAccount(password.input.value);
            return true;
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            if (error.authLost) return null;
            showProblem(error, { password }, alertEl);
            if (!error.errors.password) alertEl.focus();
            return false;
          }
        });
        if (deleted) await ctx.signOutLocally('Your account was deleted.');
      } finally {
        busy = false;
        cancel.disabled = false;
      }
    });
    mount(area, form);
    password.input.focus();
  }

  showStart();
  return card({ class: 'danger-zone', id: 'delete-card' },
    h('h2', { class: 'card__title', id: 'delete-heading', text: 'Delete my account' }),
    h('p', { class: 'muted card__text', text: 'Your account and all its sessions are removed for good. An administrator cannot bring it back.' }),
    area);
}
