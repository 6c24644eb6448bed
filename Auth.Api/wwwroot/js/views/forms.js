// Shared handling of API errors in forms.
import { append, h, mount } from '../dom.js';

/** Clears the form-level alert and every field error. */
export function resetErrors(fields, alertEl) {
  for (const f of Object.values(fields)) f.setError(null);
  mount(alertEl);
}

/**
 * Shows an ApiError: validation errors next to their fields (keys are camelCase API field
 * names), everything else in the form's alert box. Focuses the first invalid field.
 * Each message appears exactly once on the page.
 */
export function showProblem(error, fields, alertEl, fallbacks = {}) {
  resetErrors(fields, alertEl);
  const leftovers = [];
  let firstInvalid = null;
  for (const [key, messages] of Object.entries(error.errors || {})) {
    const f = fields[key];
    if (f) {
      f.setError(messages);
      firstInvalid = firstInvalid || f.input;
    } else {
      leftovers.push(...messages);
    }
  }
  let text = fallbacks[error.status] && !error.problem.message ? fallbacks[error.status] : error.message;
  if (error.status === 429 && error.retryAfter && !error.problem.message) {
    text = `${text} Try again in ${error.retryAfter} second${error.retryAfter === 1 ? '' : 's'}.`;
  }
  // For validation problems the per-field messages say it all; only show a summary line.
  if (error.status === 400 && firstInvalid && !leftovers.length) {
    text = 'Please fix the highlighted fields.';
  }
  append(alertEl, h('p', { class: 'form-alert__title', text }));
  if (leftovers.length) {
    append(alertEl, h('ul', { class: 'form-alert__list' }, leftovers.map((m) => h('li', { text: m }))));
  }
  if (firstInvalid) firstInvalid.focus();
}

export function formAlert(id) {
  return h('div', { id, class: 'form-alert', role: 'alert', dataset: { testid: 'form-error' } });
}
