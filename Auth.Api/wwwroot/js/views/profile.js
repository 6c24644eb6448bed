// /profile: the users-area welcome (GET /api/profile) and the account's details.
import { h } from '../dom.js';
import { api } from '../api.js';
import { formatDateTime } from '../format.js';
import { page, card, roleBadge } from './common.js';

export async function profileView(ctx) {
  const data = await api.profile();
  const user = (data && data.user) || ctx.me;

  const row = (label, id, value) => h('div', { class: 'details__row' },
    h('dt', { text: label }),
    h('dd', { id, dataset: { testid: id } }, value));

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
    user.role === 'admin'
      ? h('p', { class: 'below-card' }, 'You are an administrator. ', h('a', { href: '/admin', text: 'Open the admin console' }), '.')
      : null,
  );
}
