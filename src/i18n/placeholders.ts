/**
 * Fills `{{name}}` placeholders in a UI string: the same syntax as i18next, for
 * the browser, where i18next is not shipped. Pure, so islands, page scripts and
 * the service worker can all use it.
 */
export type PlaceholderValues = Record<string, string | number>;

export function fillPlaceholders(text: string, values: PlaceholderValues = {}): string {
  // A value the caller did not give becomes empty rather than showing "{{name}}" to the person.
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}
