// /admin: the admin welcome (GET /api/admin) and a paged user list with role changes and
// deletion (with an in-page confirmation step, never window.confirm).
// A 403 from the API is thrown to app.js, which shows the "not allowed" view.
import { h, mount, withBusy } from '../dom.js';
import { api, ApiError } from '../api.js';
import { replaceQuery } from '../router.js';
import * as flash from '../flash.js';
import { formatDateTime, plural } from '../format.js';
import { page, card } from './common.js';

const ROLES = ['guest', 'user', 'admin'];
const PAGE_SIZES = [10, 20, 50];
const DEFAULT_PAGE_SIZE = 20;

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
      : h('tr', { class: 'table__empty' }, h('td', { colspan: '4', text: 'No users yet.' })));

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
    function showDelete() {
      const del = h('button', {
        type: 'button', class: 'btn btn--danger-ghost btn--sm',
        'aria-label': `Delete ${user.username}`, dataset: { testid: 'delete-user' },
      }, 'Delete');
      del.addEventListener('click', showConfirm);
      mount(actions, del);
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
      h('td', { class: 'col-created', dataset: { label: 'Created' } },
        h('time', { datetime: user.createdAt, text: formatDateTime(user.createdAt) })),
      actions,
    );
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
      mount(tbody, h('tr', { class: 'table__empty' }, h('td', { colspan: '4', text: 'The user list could not be loaded.' })));
      flash.error(error.message || 'The user list could not be loaded.');
    }
  }

  return page('view-admin', 'Admin console', { wide: true },
    h('p', { class: 'page__lead', id: 'admin-welcome', dataset: { testid: 'admin-welcome' }, text: welcome && welcome.message }),
    section,
  );
}

function problemText(error) {
  if (error instanceof ApiError && error.status === 409 && !error.problem.message) {
    return 'That would leave the service without an administrator.';
  }
  return error.message || 'The change could not be saved.';
}
