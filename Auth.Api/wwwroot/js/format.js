// Formatting helpers.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "12 May 2026, 14:03" in the browser's locale; the raw value if it is not a date. */
export function formatDateTime(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value ?? '') : dateTime.format(date);
}

export function formatDate(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value ?? '') : dateOnly.format(date);
}

export function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}
