// Building blocks shared by the views.
import { h } from '../dom.js';

/** A view's root: <section data-testid="view-x"> with a focusable <h1>. */
export function page(testid, title, { lead, wide = false, className } = {}, ...children) {
  return h('section', { class: ['page', wide && 'page--wide', className], id: testid, dataset: { testid } },
    h('header', { class: 'page__header' },
      h('h1', { class: 'page__title', tabindex: '-1', text: title }),
      lead ? h('p', { class: 'page__lead', text: lead }) : null,
    ),
    children,
  );
}

export function card(props, ...children) {
  return h('div', { ...props, class: ['card', props && props.class] }, children);
}

export function loadingView() {
  return h('div', { class: 'loading', id: 'loading', dataset: { testid: 'loading' } },
    h('span', { class: 'spinner spinner--lg', 'aria-hidden': 'true' }),
    h('span', { text: 'Loading\u2026' }),
  );
}

export function roleBadge(role) {
  return h('span', { class: ['badge', `badge--${role}`], dataset: { testid: 'role-badge' }, text: role });
}

/** Shown when the API answers 403: never a blank page. */
export function notAllowedView({ me, message } = {}) {
  const signedIn = me && me.id !== undefined && me.id !== null;
  return h('section', { class: 'page page--center', id: 'not-allowed', dataset: { testid: 'not-allowed' } },
    card({ class: 'card--center' },
      h('div', { class: 'icon-circle icon-circle--warn', 'aria-hidden': 'true', text: '!' }),
      h('h1', { class: 'page__title', tabindex: '-1', text: 'Not allowed' }),
      h('p', { class: 'page__lead', text: signedIn
        ? `Your account (role: ${me.role}) is not allowed to open this page.`
        : 'You are not allowed to open this page.' }),
      message ? h('p', { class: 'muted', id: 'not-allowed-message', text: message }) : null,
      h('div', { class: 'actions actions--center' },
        signedIn && (me.role === 'user' || me.role === 'admin')
          ? h('a', { href: '/profile', class: 'btn btn--primary', text: 'Go to your profile' })
          : null,
        h('a', { href: '/', class: 'btn btn--secondary', text: 'Back to home' }),
      ),
    ),
  );
}

export function notFoundView() {
  return h('section', { class: 'page page--center', id: 'not-found', dataset: { testid: 'not-found' } },
    card({ class: 'card--center' },
      h('div', { class: 'icon-circle', 'aria-hidden': 'true', text: '404' }),
      h('h1', { class: 'page__title', tabindex: '-1', text: 'Page not found' }),
      h('p', { class: 'page__lead', text: 'There is nothing at this address. Check the link, or start again from the home page.' }),
      h('div', { class: 'actions actions--center' },
        h('a', { href: '/', class: 'btn btn--primary', text: 'Back to home' }),
      ),
    ),
  );
}

/** Any other failure while loading a page, with a retry button. */
export function errorView(error, retry) {
  const offline = error && error.status === 0;
  return h('section', { class: 'page page--center', id: 'error-view', dataset: { testid: 'error-view' } },
    card({ class: 'card--center' },
      h('div', { class: 'icon-circle icon-circle--danger', 'aria-hidden': 'true', text: '!' }),
      h('h1', { class: 'page__title', tabindex: '-1', text: offline ? 'Cannot reach the server' : 'Something went wrong' }),
      h('p', { class: 'page__lead', text: (error && error.message) || 'The page could not be loaded.' }),
      h('div', { class: 'actions actions--center' },
        h('button', { type: 'button', class: 'btn btn--primary', onClick: retry, text: 'Try again' }),
        h('a', { href: '/', class: 'btn btn--secondary', text: 'Back to home' }),
      ),
    ),
  );
}
