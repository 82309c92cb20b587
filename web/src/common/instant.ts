/**
 * An instant from the API (ISO 8601 in UTC, e.g. `2026-11-21T12:00:03.120Z`) written as "2026-11-21 12:00:03 UTC":
 * the text as given, never converted through the browser's time zone (audit days and lockouts are UTC too).
 */
export function formatInstant(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return match === null ? iso : `${match[1]} ${match[2]} UTC`;
}
