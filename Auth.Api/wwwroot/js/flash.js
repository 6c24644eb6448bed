// Page-level messages in the header's live regions:
//   #status (role="status", polite)   - success and info messages
//   #alert  (role="alert", assertive) - errors
// Messages stay until dismissed, replaced, or the next navigation.
import { h, mount } from './dom.js';

let pending = null;

function region(kind) {
  return document.getElementById(kind === 'error' ? 'alert' : 'status');
}

/**
 * Shows a message now. kind: 'success' | 'info' | 'error'.
 * focus: true moves keyboard focus to the message, for results of an action whose button is gone.
 */
export function show(kind, text, { focus = false } = {}) {
  clear();
  const target = region(kind);
  const message = h('div', { class: ['flash', `flash--${kind}`], tabindex: focus ? '-1' : null, dataset: { testid: `flash-${kind}` } },
    h('span', { class: 'flash__text', text }),
    h('button', {
      type: 'button',
      class: 'flash__close',
      'aria-label': 'Dismiss message',
      dataset: { testid: 'flash-dismiss' },
      onClick: () => clear(),
    }), // the "x" glyph comes from CSS, so the region's textContent is just the message
  );
  mount(target, message);
  if (focus) message.focus();
}

export const success = (text, options) => show('success', text, options);
export const info = (text, options) => show('info', text, options);
export const error = (text, options) => show('error', text, options);

/** Queues a message to be shown after the next navigation has rendered. */
export function next(kind, text) { pending = { kind, text }; }

export function clear() {
  for (const id of ['status', 'alert']) {
    const target = document.getElementById(id);
    target.replaceChildren();
  }
}

/** Called by the app on every navigation: drops old messages, shows a queued one. */
export function onNavigate() {
  clear();
  if (pending) {
    const { kind, text } = pending;
    pending = null;
    show(kind, text);
  }
}
