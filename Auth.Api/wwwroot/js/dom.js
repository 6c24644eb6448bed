// Tiny DOM helper. Everything is built with createElement / textContent, never innerHTML,
// so user data (usernames, API messages) is always rendered as plain text.

/**
 * h('button', { class: 'btn', type: 'button', onClick: fn, dataset: { testid: 'x' } }, 'Text', child)
 * - strings and numbers become text nodes; null / undefined / false children are skipped;
 *   arrays are flattened.
 * - `class` (string or array), `text`, `dataset`, `on<Event>` handlers and boolean
 *   attributes (hidden, disabled, required, ...) are handled; everything else is set
 *   with setAttribute. There is deliberately no way to set `style` or `innerHTML`.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class' || key === 'className') {
        const list = Array.isArray(value) ? value.filter(Boolean) : String(value).split(/\s+/).filter(Boolean);
        el.classList.add(...list);
      } else if (key === 'text') {
        el.textContent = String(value);
      } else if (key === 'dataset') {
        for (const [k, v] of Object.entries(value)) {
          if (v !== undefined && v !== null) el.dataset[k] = String(v);
        }
      } else if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2).toLowerCase(), value);
      } else if (key === 'style' || key === 'innerHTML' || key === 'outerHTML') {
        throw new Error(`h(): "${key}" is not allowed (CSP / XSS safety)`);
      } else if (value === true) {
        el.setAttribute(key, '');
      } else if (key === 'value' && 'value' in el) {
        el.value = String(value);
      } else {
        el.setAttribute(key, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

/** Appends children (strings, nodes, nested arrays; falsy values skipped). */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === true) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of `parent`. */
export function mount(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A small inline spinner (pure CSS, hidden from assistive technology). */
export function spinner() {
  return h('span', { class: 'spinner', 'aria-hidden': 'true' });
}

/**
 * Runs `task` while `button` shows a loading state: disabled, aria-busy, spinner + busy text.
 * The original label is restored afterwards (unless the button was removed from the page).
 */
export async function withBusy(button, busyText, task) {
  const saved = Array.from(button.childNodes);
  const form = button.form;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.classList.add('is-busy');
  if (form) form.setAttribute('aria-busy', 'true');
  mount(button, spinner(), h('span', { text: busyText }));
  try {
    return await task();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.classList.remove('is-busy');
    if (form) form.removeAttribute('aria-busy');
    mount(button, saved);
  }
}

/** A labelled text field with hint and error slots, wired up with aria-describedby. */
export function field({ id, name, label, type = 'text', autocomplete, hint, reveal = false, attrs = {} }) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const input = h('input', {
    id, name, type, autocomplete,
    class: 'input',
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
    dataset: { testid: id },
    ...attrs,
  });
  const error = h('p', { id: errorId, class: 'field-error', hidden: true, dataset: { testid: errorId } });
  let control = input;
  if (reveal) {
    // "Show" / "Hide" toggle for password fields.
    const toggle = h('button', {
      type: 'button',
      class: 'input-toggle',
      'aria-controls': id,
      'aria-pressed': 'false',
      'aria-label': `Show ${label.toLowerCase()}`,
      dataset: { testid: `${id}-toggle` },
    }, 'Show');
    toggle.addEventListener('click', () => {
      const show = input.type === 'password';
      input.type = show ? 'text' : 'password';
      toggle.textContent = show ? 'Hide' : 'Show';
      toggle.setAttribute('aria-pressed', String(show));
      toggle.setAttribute('aria-label', `${show ? 'Hide' : 'Show'} ${label.toLowerCase()}`);
    });
    control = h('div', { class: 'input-group' }, input, toggle);
  }
  const wrapper = h('div', { class: 'field' },
    h('label', { for: id, class: 'label', text: label }),
    control,
    hint ? h('p', { id: hintId, class: 'hint', text: hint }) : null,
    error,
  );
  return {
    wrapper, input, error,
    setError(messages) {
      const list = (Array.isArray(messages) ? messages : [messages]).filter(Boolean);
      if (list.length) {
        error.textContent = list.join(' ');
        error.hidden = false;
        input.setAttribute('aria-invalid', 'true');
      } else {
        error.textContent = '';
        error.hidden = true;
        input.removeAttribute('aria-invalid');
      }
    },
  };
}
