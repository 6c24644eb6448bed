// /admin: the admin welcome (GET /api/admin), a form to create an account, and a paged user
// list with role changes, deletion (with an in-page confirmation step, never window.confirm)
// and a "Manage" panel per user: disable/enable, a one-time reset code, and their sessions.
// One-time codes are shown once, in the page only; nothing keeps them.
// A 403 from the API is thrown to app.js, which shows the "not allowed" view.
import { h, field, mount, withBusy } from '../dom.js';
import { api, ApiError } from '../api.js';
import { replaceQuery } from '../router.js';
import * as flash from '../flash.js';
import { formatDate, formatDateTime, plural } from '../format.js';
import { page, card } from './common.js';
import { formAlert, resetErrors, showProblem } from './forms.js';
import { sessionTable } from './sessions.js';

const ROLES = ['guest', 'user', 'admin'];
const PAGE_SIZES = [10, 20, 50];
const DEFAULT_PAGE_SIZE = 20;
const COLUMNS = 6;

function positiveInt(value, fallback) {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export async function adminView(ctx) {
  let pageNo = positiveInt(ctx.params.get('page'), 1);
  let pageSize = positiveInt(ctx.params.get('pageSize'), DEFAULT_PAGE_SIZE);
  if (!PAGE_SIZES.includes(pageSize)) pageSize = DEFAULT_PAGE_SIZE;

  // The welcome first: a 403 there means "not allowed" (thrown to app.js), and only one
  // failed request shows up in the browser console.
  const welcome = await api.adminWelcome();
  const [listResult] = await Promise.allSettled([api.listUsers(pageNo, pageSize)]);

  // ---- elements ----------------------------------------------------------------------
  const summary = h('p', { class: 'muted', id: 'users-summary', dataset: { testid: 'users-summary' } });
  const tbody = h('tbody', { id: 'users-body' });
  const table = h('table', { class: 'table', id: 'users-table', dataset: { testid: 'users-table' } },
    h('caption', { class: 'visually-hidden', text: 'Registered users' }),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col', text: 'Username' }),
      h('th', { scope: 'col', text: 'Role' }),
      h('th', { scope: 'col', text: 'Status' }),
      h('th', { scope: 'col', text: 'Created' }),
      h('th', { scope: 'col', class: 'col-actions' }, h('span', { class: 'visually-hidden', text: 'Actions' })),
    )),
    tbody,
  );
  const tableWrap = h('div', { class: 'table-wrap' }, table);

  const prev = h('button', { type: 'button', class: 'btn btn--secondary btn--sm', id: 'users-prev', dataset: { testid: 'users-prev' } }, '\u2190 Previous');
  const next = h('button', { type: 'button', class: 'btn btn--secondary btn--sm', id: 'users-next', dataset: { testid: 'users-next' } }, 'Next \u2192');
  const pageInfo = h('span', { class: 'pager__info', id: 'users-page-info', dataset: { testid: 'users-page-info' } });
  const sizeSelect = h('select', { id: 'users-page-size', class: 'select select--sm', dataset: { testid: 'users-page-size' } },
    PAGE_SIZES.map((n) => h('option', { value: String(n), text: String(n) })));
  sizeSelect.value = String(pageSize);
  const pager = h('nav', { class: 'pager', 'aria-label': 'User list pages' },
    h('div', { class: 'pager__size' }, h('label', { for: 'users-page-size', text: 'Per page' }), h('span', { class: 'select-wrap' }, sizeSelect)),
    h('div', { class: 'pager__buttons' }, prev, pageInfo, next),
  );

  const section = card({ class: 'card--flush', id: 'users-card' },
    h('div', { class: 'card__head' },
      h('h2', { class: 'card__title', id: 'users-heading', tabindex: '-1', text: 'Users' }),
      summary),
    tableWrap,
    pager,
  );

  // ---- loading -----------------------------------------------------------------------
  let state = { page: pageNo, pageSize, total: 0, items: [] };

  async function load(p, size) {
    section.setAttribute('aria-busy', 'true');
    tableWrap.classList.add('is-loading');
    try {
      let data;
      try {
        data = await api.listUsers(p, size);
      } catch (error) {
        if (error instanceof ApiError && error.authLost) return;
        if (error instanceof ApiError && error.status === 403) { ctx.rerender(); return; }
        flash.error(error.message);
        return;
      }
      render(data, p, size);
    } finally {
      section.removeAttribute('aria-busy');
      tableWrap.classList.remove('is-loading');
    }
  }

  function render(data, requestedPage, requestedSize) {
    if (!ctx.isCurrent()) return; // the user has moved on to another page
    const items = Array.isArray(data && data.items) ? data.items : [];
    const total = Number.isFinite(Number(data && data.total)) ? Number(data.total) : items.length;
    const size = positiveInt(data && data.pageSize, requestedSize);
    const current = positiveInt(data && data.page, requestedPage);
    const pages = Math.max(1, Math.ceil(total / size));
    // Past the last page (e.g. after deleting its only user): go back one page.
    if (!items.length && current > 1 && total > 0) {
      load(Math.min(current - 1, pages), size);
      return;
    }
    state = { page: current, pageSize: size, total, items };

    mount(tbody, items.length
      ? items.map(userRow)
      : h('tr', { class: 'table__empty' }, h('td', { colspan: String(COLUMNS), text: 'No users yet.' })));

    const from = items.length ? (current - 1) * size + 1 : 0;
    const to = items.length ? from + items.length - 1 : 0;
    summary.textContent = total
      ? `Showing ${from}\u2013${to} of ${plural(total, 'user', 'users')}`
      : 'No users';
    pageInfo.textContent = `Page ${current} of ${pages}`;
    if (PAGE_SIZES.includes(size)) sizeSelect.value = String(size);
    updatePager();
    pager.hidden = total <= PAGE_SIZES[0] && current === 1;

    const query = new URLSearchParams();
    if (current !== 1) query.set('page', String(current));
    if (size !== DEFAULT_PAGE_SIZE) query.set('pageSize', String(size));
    replaceQuery(query);
  }

  function updatePager() {
    const pages = Math.max(1, Math.ceil(state.total / state.pageSize));
    prev.disabled = state.page <= 1;
    next.disabled = state.page >= pages;
  }
  async function turnPage(button, other, delta) {
    await withBusy(button, 'Loading\u2026', () => load(state.page + delta, state.pageSize));
    updatePager(); // withBusy re-enables the button; the new page decides
    if (button.disabled) other.focus(); else button.focus();
  }
  prev.addEventListener('click', () => turnPage(prev, next, -1));
  next.addEventListener('click', () => turnPage(next, prev, +1));
  sizeSelect.addEventListener('change', () => load(1, Number(sizeSelect.value)));

  // ---- one row per user --------------------------------------------------------------
  function userRow(user) {
    const isMe = String(user.id) === String(ctx.me.id);
    const roleId = `role-${user.id}`;

    const select = h('select', { id: roleId, class: 'select select--sm', dataset: { testid: 'role-select' } },
      ROLES.map((r) => h('option', { value: r, text: r })));
    select.value = user.role;
    const apply = h('button', {
      type: 'button', class: 'btn btn--primary btn--sm', disabled: true,
      'aria-label': `Apply role for ${user.username}`, dataset: { testid: 'role-apply' },
    }, 'Apply');
    select.addEventListener('change', () => {
      apply.disabled = select.value === user.role;
      tr.classList.toggle('is-dirty', !apply.disabled);
    });
    apply.addEventListener('click', async () => {
      const role = select.value;
      const ok = await withBusy(apply, 'Saving\u2026', async () => {
        try {
          const updated = await api.setRole(user.id, role);
          user.role = (updated && updated.role) || role;
          flash.success(`${user.username} now has the role \u201c${user.role}\u201d.`);
          return true;
        } catch (error) {
          if (error instanceof ApiError && error.authLost) return false;
          select.value = user.role;
          flash.error(problemText(error));
          if (error instanceof ApiError && error.status === 404) load(state.page, state.pageSize);
          return false;
        }
      });
      if (!tr.isConnected) return;
      select.value = user.role;
      apply.disabled = true;
      tr.classList.remove('is-dirty');
      tr.dataset.role = user.role;
      if (ok && isMe) {
        // Changing one's own role: the navigation (and maybe this page) must follow.
        const me = await ctx.refreshSession();
        if (me.role !== 'admin') ctx.rerender();
      }
      select.focus();
    });

    const actions = h('td', { class: 'col-actions', dataset: { label: 'Actions' } });
    const panelId = `user-panel-${user.id}`;
    const manage = h('button', {
      type: 'button', class: 'btn btn--secondary btn--sm', 'aria-expanded': 'false', 'aria-controls': panelId,
      'aria-label': `Manage ${user.username}`, dataset: { testid: 'manage-user' },
    }, 'Manage');
    manage.addEventListener('click', () => {
      if (panel) closePanel(); else openPanel();
    });
    function showDelete() {
      const del = h('button', {
        type: 'button', class: 'btn btn--danger-ghost btn--sm',
        'aria-label': `Delete ${user.username}`, dataset: { testid: 'delete-user' },
      }, 'Delete');
      del.addEventListener('click', showConfirm);
      mount(actions, h('span', { class: 'row-buttons' }, manage, del));
      return del;
    }
    function showConfirm() {
      const confirm = h('button', {
        type: 'button', class: 'btn btn--danger btn--sm',
        dataset: { testid: 'confirm-delete' },
      }, 'Yes, delete');
      const cancel = h('button', {
        type: 'button', class: 'btn btn--secondary btn--sm',
        dataset: { testid: 'cancel-delete' },
      }, 'Cancel');
      const box = h('div', { class: 'confirm', role: 'group', 'aria-label': `Confirm deleting ${user.username}`, dataset: { testid: 'delete-confirm' } },
        h('span', { class: 'confirm__text', text: isMe ? 'Delete your own account?' : `Delete ${user.username}?` }),
        h('span', { class: 'confirm__buttons' }, confirm, cancel));
      cancel.addEventListener('click', () => showDelete().focus());
      box.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && !confirm.disabled) { event.preventDefault(); showDelete().focus(); }
      });
      confirm.addEventListener('click', async () => {
        cancel.disabled = true;
        const ok = await withBusy(confirm, 'Deleting\u2026', async () => {
          try {
            await api.deleteUser(user.id);
            return true;
          } catch (error) {
            if (error instanceof ApiError && error.authLost) return null;
            flash.error(problemText(error));
            if (error instanceof ApiError && error.status === 404) load(state.page, state.pageSize);
            return false;
          }
        });
        if (ok === null) return;
        if (!ok) {
          if (tr.isConnected) showDelete().focus();
          return;
        }
        if (isMe) { await ctx.signOutLocally('Your account was deleted.'); return; }
        flash.success(`Deleted ${user.username}.`);
        await load(state.page, state.pageSize);
        document.getElementById('users-heading')?.focus();
      });
      mount(actions, box);
      cancel.focus();
    }
    showDelete();

    user.status = user.status || 'active';
    const statusBadge = h('span', { dataset: { testid: 'status-badge' } });
    function setStatus(status) {
      statusBadge.className = `badge badge--${status === 'disabled' ? 'disabled' : 'active'}`;
      statusBadge.textContent = status;
      tr.dataset.status = status;
    }
    const tr = h('tr', { dataset: { testid: 'user-row', userId: user.id, username: user.username, role: user.role } },
      h('th', { scope: 'row', class: 'col-user', dataset: { label: 'Username' } },
        h('span', { class: 'user-cell' },
          h('span', { class: 'avatar avatar--sm', 'aria-hidden': 'true', text: (Array.from(user.username || '?')[0] || '?').toUpperCase() }),
          h('span', { class: 'user-cell__name', dataset: { testid: 'user-name' }, text: user.username }),
          isMe ? h('span', { class: 'tag', text: 'you' }) : null)),
      h('td', { class: 'col-role', dataset: { label: 'Role' } },
        h('span', { class: 'role-control' },
          h('label', { for: roleId, class: 'visually-hidden', text: `Role for ${user.username}` }),
          h('span', { class: 'select-wrap' }, select), apply)),
      h('td', { class: 'col-status', dataset: { label: 'Status' } }, statusBadge),
      h('td', { class: 'col-created', dataset: { label: 'Created' } },
        h('time', { datetime: user.createdAt, title: user.createdAt, text: formatDate(user.createdAt) })),
      actions,
    );
    setStatus(user.status);

    // ---- the "Manage" panel: a row of its own under the user's row ----------------------
    let panel = null;
    function closePanel() {
      panel?.remove();
      panel = null;
      manage.setAttribute('aria-expanded', 'false');
      tr.classList.remove('is-open');
      manage.focus();
    }
    function openPanel() {
      const heading = h('h3', { class: 'panel__title', tabindex: '-1', text: `Manage ${user.username}` });
      panel = h('tr', { class: 'user-panel', id: panelId, dataset: { testid: 'user-panel', userId: user.id } },
        h('td', { colspan: String(COLUMNS) },
          h('div', { class: 'panel', role: 'group', 'aria-label': `Manage ${user.username}` },
            h('div', { class: 'panel__head' }, heading,
              h('button', { type: 'button', class: 'btn btn--ghost btn--sm', dataset: { testid: 'close-panel' }, onClick: closePanel }, 'Close')),
            statusSection(), resetSection(), sessionsSection())));
      panel.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && event.target.tagName !== 'SELECT') { event.preventDefault(); closePanel(); }
      });
      tr.after(panel);
      tr.classList.add('is-open');
      manage.setAttribute('aria-expanded', 'true');
      heading.focus();
    }

    function statusSection() {
      const text = h('p', { class: 'panel__text', dataset: { testid: 'status-text' } });
      const toggle = h('button', { type: 'button', class: 'btn btn--sm', dataset: { testid: 'status-toggle' } });
      const show = () => {
        const disabled = user.status === 'disabled';
        text.textContent = disabled
          ? 'Disabled: this account cannot log in.'
          : 'Active: this account can log in.';
        toggle.textContent = disabled ? 'Enable account' : 'Disable account';
        toggle.className = ['btn', 'btn--sm', disabled ? 'btn--primary' : 'btn--danger-ghost'].join(' ');
      };
      show();
      toggle.addEventListener('click', async () => {
        const status = user.status === 'disabled' ? 'active' : 'disabled';
        const ok = await withBusy(toggle, status === 'disabled' ? 'Disabling\u2026' : 'Enabling\u2026', async () => {
          try {
            const updated = await api.setStatus(user.id, status);
            user.status = (updated && updated.status) || status;
            return true;
          } catch (error) {
            if (error instanceof ApiError && error.authLost) return null;
            flash.error(problemText(error));
            return false;
          }
        });
        if (ok === null) return;
        if (ok) {
          setStatus(user.status);
          show();
          if (isMe && user.status === 'disabled') { await ctx.refreshSession(); return; } // our own sessions ended too
          flash.success(user.status === 'disabled'
            ? `${user.username} is disabled and signed out everywhere.`
            : `${user.username} is enabled and can log in again.`);
          reloadSessions?.();
        }
        if (toggle.isConnected) toggle.focus();
      });
      return h('section', { class: 'panel__section' },
        h('h4', { class: 'panel__label', text: 'Account status' }), text, toggle);
    }

    function resetSection() {
      const result = h('div', { class: 'one-time', hidden: true, tabindex: '-1', dataset: { testid: 'reset-code-result' } });
      const issue = h('button', { type: 'button', class: 'btn btn--secondary btn--sm', dataset: { testid: 'issue-reset-code' } }, 'Issue a reset code');
      issue.addEventListener('click', async () => {
        const issued = await withBusy(issue, 'Issuing\u2026', async () => {
          try {
            return await api.issueResetCode(user.id);
          } catch (error) {
            if (!(error instanceof ApiError && error.authLost)) flash.error(problemText(error));
            return null;
          }
        });
        if (!issued || !result.isConnected) return;
        showOneTimeCode(result, {
          username: user.username, code: issued.code, expiresAt: issued.expiresAt, testid: 'reset-code',
          lead: 'New one-time code (any earlier code no longer works):',
          onDone: () => issue.focus(),
        });
      });
      return h('section', { class: 'panel__section' },
        h('h4', { class: 'panel__label', text: 'Password reset' }),
        h('p', { class: 'panel__text', text: 'A one-time code lets the person choose a new password at /reset.' }),
        issue, result);
    }

    let reloadSessions = null;
    function sessionsSection() {
      const list = h('div', { class: 'panel__sessions', dataset: { testid: 'user-sessions' } }, h('p', { class: 'muted', text: 'Loading sessions\u2026' }));
      const endAll = h('button', { type: 'button', class: 'btn btn--danger-ghost btn--sm', disabled: true, dataset: { testid: 'end-user-sessions' } }, 'End all sessions');
      async function load() {
        list.setAttribute('aria-busy', 'true');
        try {
          const data = await api.userSessions(user.id);
          const items = Array.isArray(data && data.items) ? data.items : [];
          mount(list, sessionTable({ id: `user-sessions-${user.id}`, caption: `Sessions of ${user.username}`, items }));
          endAll.disabled = items.length === 0;
        } catch (error) {
          if (error instanceof ApiError && error.authLost) return;
          mount(list, h('p', { class: 'muted', text: 'The sessions could not be loaded.' }));
          flash.error(problemText(error));
        } finally {
          list.removeAttribute('aria-busy');
        }
      }
      reloadSessions = load;
      endAll.addEventListener('click', async () => {
        const ok = await withBusy(endAll, 'Ending\u2026', async () => {
          try {
            await api.endUserSessions(user.id);
            return true;
          } catch (error) {
            if (!(error instanceof ApiError && error.authLost)) flash.error(problemText(error));
            return false;
          }
        });
        if (!ok || !list.isConnected) return;
        if (isMe) { await ctx.refreshSession(); return; } // that included this session
        await load();
        flash.success(`Every session of ${user.username} has ended.`);
        list.focus();
      });
      list.setAttribute('tabindex', '-1');
      load();
      return h('section', { class: 'panel__section panel__section--wide' },
        h('div', { class: 'panel__row' }, h('h4', { class: 'panel__label', text: 'Sessions' }), endAll),
        list);
    }

    return tr;
  }

  if (listResult.status === 'fulfilled') {
    render(listResult.value, pageNo, pageSize);
  } else {
    const error = listResult.reason;
    if (error instanceof ApiError && error.status === 400 && (pageNo !== 1 || pageSize !== DEFAULT_PAGE_SIZE)) {
      // Bad paging in the URL: start again from the first page.
      load(1, DEFAULT_PAGE_SIZE);
    } else {
      if (error instanceof ApiError && error.authLost) return null;
      if (error instanceof ApiError && error.status === 403) throw error;
      mount(tbody, h('tr', { class: 'table__empty' }, h('td', { colspan: String(COLUMNS), text: 'The user list could not be loaded.' })));
      flash.error(error.message || 'The user list could not be loaded.');
    }
  }

  // ---- creating an account ---------------------------------------------------------
  const createFields = {
    username: field({
      id: 'create-username', name: 'username', label: 'Username', autocomplete: 'off',
      hint: '3 to 32 characters: letters, digits, dot, dash or underscore.',
      attrs: { autocapitalize: 'none', spellcheck: 'false', required: true },
    }),
    password: field({
      id: 'create-password', name: 'password', label: 'Password (optional)', type: 'password',
      autocomplete: 'new-password', reveal: true,
      hint: 'At least 8 characters. Leave empty to get a one-time code the person sets their own password with.',
    }),
  };
  const roleSelect = h('select', { id: 'create-role', name: 'role', class: 'select', 'aria-describedby': 'create-role-error', dataset: { testid: 'create-role' } },
    ROLES.map((r) => h('option', { value: r, text: r })));
  roleSelect.value = 'user';
  const roleError = h('p', { id: 'create-role-error', class: 'field-error', hidden: true });
  createFields.role = {
    input: roleSelect,
    setError(messages) {
      const list = (Array.isArray(messages) ? messages : [messages]).filter(Boolean);
      roleError.textContent = list.join(' ');
      roleError.hidden = !list.length;
      if (list.length) roleSelect.setAttribute('aria-invalid', 'true'); else roleSelect.removeAttribute('aria-invalid');
    },
  };
  const createAlert = formAlert('create-error');
  createAlert.setAttribute('tabindex', '-1');
  const createResult = h('div', { class: 'one-time', id: 'create-result', hidden: true, tabindex: '-1', dataset: { testid: 'create-result' } });
  const createSubmit = h('button', { type: 'submit', id: 'create-submit', class: 'btn btn--primary', dataset: { testid: 'create-submit' } }, 'Create user');
  const createForm = h('form', { id: 'create-user-form', class: 'form', novalidate: true, 'aria-labelledby': 'create-heading', dataset: { testid: 'create-user-form' } },
    createAlert,
    h('div', { class: 'form-row' },
      createFields.username.wrapper,
      h('div', { class: 'field' },
        h('label', { for: 'create-role', class: 'label', text: 'Role' }),
        h('span', { class: 'select-wrap' }, roleSelect),
        roleError),
      createFields.password.wrapper),
    h('div', null, createSubmit));
  let creating = false;
  createForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (creating) return;
    creating = true;
    resetErrors(createFields, createAlert);
    const username = createFields.username.input.value.trim();
    try {
      const created = await withBusy(createSubmit, 'Creating\u2026', async () => {
        try {
          return await api.createUser(username, roleSelect.value, createFields.password.input.value || undefined);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          if (error.authLost) return null;
          showProblem(error, createFields, createAlert, { 409: 'That username is already taken.' });
          if (!Object.keys(error.errors).length) createAlert.focus();
          return null;
        }
      });
      if (!created || !ctx.isCurrent()) return;
      const user = created.user || { username };
      createFields.username.input.value = '';
      createFields.password.input.value = '';
      roleSelect.value = 'user';
      if (created.resetCode) {
        showOneTimeCode(createResult, {
          username: user.username, code: created.resetCode, expiresAt: created.resetCodeExpiresAt, testid: 'one-time-code',
          lead: `Created ${user.username} (${user.role}) without a password. Their one-time code:`,
          onDone: () => createFields.username.input.focus(),
        });
      } else {
        mount(createResult);
        createResult.hidden = true;
        flash.success(`Created ${user.username} (${user.role}). They can log in with the password you set.`, { focus: true });
      }
      await load(state.page, state.pageSize);
    } finally {
      creating = false;
    }
  });
  const createCard = card({ id: 'create-card', class: 'create-card' },
    h('h2', { class: 'card__title', id: 'create-heading', text: 'Create a user' }),
    createForm,
    createResult);

  return page('view-admin', 'Admin console', { wide: true },
    h('p', { class: 'page__lead', id: 'admin-welcome', dataset: { testid: 'admin-welcome' }, text: welcome && welcome.message }),
    section,
    createCard,
  );
}

/** A one-time code, shown once with its expiry and what to do with it; "Done" takes it off the page. */
function showOneTimeCode(target, { username, code, expiresAt, testid, lead, onDone }) {
  const done = h('button', { type: 'button', class: 'btn btn--secondary btn--sm', dataset: { testid: `${testid}-done` } }, 'Done, hide the code');
  mount(target,
    h('p', { class: 'one-time__lead', text: lead }),
    h('p', { class: 'one-time__code' }, h('code', { dataset: { testid }, text: code })),
    h('p', { class: 'one-time__note' },
      'Valid until ', h('time', { datetime: expiresAt, text: formatDateTime(expiresAt) }),
      `. Hand it to ${username} yourself: they choose their password with it at `,
      h('strong', { text: `${location.origin}/reset` }),
      ' (\u201cHave a reset code?\u201d on the login page). It is shown only this once.'),
    done);
  target.hidden = false;
  done.addEventListener('click', () => { mount(target); target.hidden = true; if (onDone) onDone(); });
  target.focus();
}

function problemText(error) {
  if (error instanceof ApiError && error.status === 409 && !error.problem.message) {
    return 'That would leave the service without an administrator.';
  }
  return error.message || 'The change could not be saved.';
}
