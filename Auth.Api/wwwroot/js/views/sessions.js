// A list of signed-in sessions (GET /api/me/sessions, GET /api/admin/users/{id}/sessions),
// shared by /profile and the admin console. The IP address and user agent come from whoever
// connected, so they are written as text like every other value.
import { h } from '../dom.js';
import { formatDateTime } from '../format.js';

/** "Chrome on Linux" from a user-agent string; the raw string is shown beside it anyway. */
export function describeAgent(userAgent) {
  const ua = String(userAgent || '');
  if (!ua) return 'Unknown device';
  const browser =
    /Edg\//.test(ua) ? 'Edge'
      : /OPR\/|Opera/.test(ua) ? 'Opera'
        : /Firefox\//.test(ua) ? 'Firefox'
          : /Chrom(e|ium)\//.test(ua) ? 'Chrome'
            : /Safari\//.test(ua) ? 'Safari'
              : /curl\//i.test(ua) ? 'curl'
                : null;
  const os =
    /Android/.test(ua) ? 'Android'
      : /iPhone|iPad|iPod/.test(ua) ? 'iOS'
        : /Windows/.test(ua) ? 'Windows'
          : /Mac OS X|Macintosh/.test(ua) ? 'macOS'
            : /CrOS/.test(ua) ? 'ChromeOS'
              : /Linux/.test(ua) ? 'Linux'
                : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser || os || 'Other client';
}

function when(value) {
  return h('time', { datetime: value, title: value, text: formatDateTime(value) });
}

/**
 * <div class="table-wrap"><table id=...> with one row per session:
 *   tr[data-testid=session-row][data-session-id][data-current="true"|"false"]
 * action(session, row) may return a node for the last column (e.g. a "Sign out" button).
 */
export function sessionTable({ id, caption, items, action }) {
  const rows = items.map((s) => {
    const tr = h('tr', { dataset: { testid: 'session-row', sessionId: s.id, current: String(Boolean(s.current)) } });
    tr.append(
      h('th', { scope: 'row', class: 'col-device', dataset: { label: 'Device' } },
        h('span', { class: 'session-device' },
          h('span', { class: 'session-device__name', dataset: { testid: 'session-device' }, text: describeAgent(s.userAgent) }),
          s.current ? h('span', { class: 'tag tag--current', dataset: { testid: 'session-current' }, text: 'this device' }) : null),
        h('span', { class: 'session-agent', dataset: { testid: 'session-agent' }, text: s.userAgent || 'No user agent sent' })),
      h('td', { class: 'col-ip', dataset: { label: 'IP address', testid: 'session-ip' } },
        h('code', { text: s.ip || 'unknown' })),
      h('td', { class: 'col-created', dataset: { label: 'Signed in' } }, when(s.createdAt)),
      h('td', { class: 'col-created', dataset: { label: 'Last used' } }, when(s.lastUsedAt)),
      h('td', { class: 'col-actions', dataset: { label: 'Actions' } }, action ? action(s, tr) : null),
    );
    return tr;
  });
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'table table--sessions', id, dataset: { testid: id } },
      h('caption', { class: 'visually-hidden', text: caption }),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col', text: 'Device' }),
        h('th', { scope: 'col', text: 'IP address' }),
        h('th', { scope: 'col', text: 'Signed in' }),
        h('th', { scope: 'col', text: 'Last used' }),
        h('th', { scope: 'col', class: 'col-actions' }, h('span', { class: 'visually-hidden', text: 'Actions' })),
      )),
      h('tbody', null, rows.length
        ? rows
        : h('tr', { class: 'table__empty' }, h('td', { colspan: '5', text: 'No active sessions.' }))),
    ));
}
