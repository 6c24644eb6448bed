// /: a short introduction with the next step for the current visitor.
import { h } from '../dom.js';
import { card } from './common.js';

export function homeView(ctx) {
  const me = ctx.me;
  const signedIn = me.id !== undefined && me.id !== null;
  const actions = signedIn
    ? [
        me.role === 'user' || me.role === 'admin'
          ? h('a', { href: '/profile', class: 'btn btn--primary btn--lg', id: 'home-profile', text: 'Go to your profile' })
          : null,
        me.role === 'admin'
          ? h('a', { href: '/admin', class: 'btn btn--secondary btn--lg', id: 'home-admin', text: 'Open the admin console' })
          : null,
      ]
    : [
        me.signupOpen !== false
          ? h('a', { href: '/signup', class: 'btn btn--primary btn--lg', id: 'home-signup', text: 'Create an account' })
          : null,
        h('a', { href: '/login', class: ['btn', me.signupOpen !== false ? 'btn--secondary' : 'btn--primary', 'btn--lg'], id: 'home-login', text: 'Log in' }),
      ];

  const feature = (title, text) => card({ class: 'feature' },
    h('h2', { class: 'feature__title', text: title }),
    h('p', { class: 'muted', text }));

  return h('section', { class: 'page', id: 'view-home', dataset: { testid: 'view-home' } },
    h('div', { class: 'hero' },
      h('p', { class: 'eyebrow', text: 'Self-hosted accounts' }),
      h('h1', { class: 'hero__title', tabindex: '-1' },
        signedIn ? ['Welcome back, ', h('span', { class: 'hero__name', text: me.username }), '.'] : 'Sign up once. Sign in everywhere.'),
      h('p', { class: 'hero__lead', text: signedIn
        ? `You are signed in with the role \u201c${me.role}\u201d.`
        : 'Auth keeps your users, their passwords and their roles on your own server.' }),
      h('div', { class: 'actions' }, actions),
    ),
    h('div', { class: 'features' },
      feature('Passwords done right', 'Stored as bcrypt hashes; sessions use short-lived tokens that are refreshed quietly.'),
      feature('Roles built in', 'Guest, user and admin. Every request is checked against the current role.'),
      feature('Yours to run', 'One service and one database, on your own infrastructure.'),
    ),
  );
}
