// Page-level messages in the header's live regions:
//   #status (role="status", polite)   - success and info messages
//   #alert  (role="alert", assertive) - errors
// Messages stay until dismissed, replaced, or the next navigation.
import { h, mount } from './dom.js';

let pending = null;

function region(kind) {
  return document.getElementById(kind === 'error' ? 'alert' : 'status');
}

/** Shows a message now. kind: 'success' | 'info' | 'error'. */
export function show(kind, text) {
  clear();
  const target = region(kind);
  const message = h('div', { class: ['flash', `flash--${kind}`], dataset: { testid: `flash-${kind}` } },
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
}

export const success = (text) => show('success', text);
export const info = (text) => show('info', text);
export const error = (text) => show('error', text);

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
