// The header navigation. It shows only what the signed-in role may open:
//   guests: Log in, Sign up (unless the server says sign-up is closed);  users: Profile, Sign out;  admins: Profile, Admin, Sign out.
// An account whose role is "guest" but which is signed in sees only Sign out.
import { h, mount, withBusy } from './dom.js';

function link(href, label, testid, path, extraClass) {
  const active = path === href;
  return h('li', null, h('a', {
    href,
    id: testid,
    class: ['nav-link', extraClass, active && 'is-active'],
    'aria-current': active ? 'page' : null,
    dataset: { testid },
  }, label));
}

export function renderNav(me, path, { onSignOut }) {
  const nav = document.getElementById('nav');
  const signedIn = me.id !== undefined && me.id !== null;
  const items = [];
  if (!signedIn) {
    items.push(link('/login', 'Log in', 'nav-login', path));
    if (me.signupOpen !== false) items.push(link('/signup', 'Sign up', 'nav-signup', path, 'nav-link--cta'));
  } else {
    items.push(h('li', { class: 'nav-user' },
      h('span', {
        class: 'avatar', id: 'nav-avatar', 'aria-hidden': 'true', title: `Signed in as ${me.username}`,
        dataset: { testid: 'nav-avatar' }, text: initial(me.username),
      }),
      h('span', { class: 'nav-user__name', id: 'nav-username', title: me.username, dataset: { testid: 'nav-username' }, text: me.username }),
      h('span', { class: 'visually-hidden', text: `, role ${me.role}` }),
    ));
    if (me.role === 'user' || me.role === 'admin') items.push(link('/profile', 'Profile', 'nav-profile', path));
    if (me.role === 'admin') items.push(link('/admin', 'Admin', 'nav-admin', path));
    const button = h('button', {
      type: 'button',
      id: 'sign-out',
      class: ['btn', 'btn--ghost', 'btn--sm'],
      dataset: { testid: 'nav-signout' },
    }, 'Sign out');
    button.addEventListener('click', () => withBusy(button, 'Signing out\u2026', onSignOut));
    items.push(h('li', null, button));
  }
  mount(nav, h('ul', { class: 'nav-list', dataset: { role: me.role, signedIn: String(signedIn) } }, items));
}

function initial(name) {
  const first = Array.from(String(name || '?'))[0] || '?';
  return first.toUpperCase();
}
