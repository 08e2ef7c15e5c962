/**
 * Fills `{{name}}` placeholders in a UI string: the same syntax as i18next, for
 * the browser, where i18next is not shipped. Pure, so islands, page scripts and
 * the service worker can all use it.
 */
import { khmerDigits } from './format';

export type PlaceholderValues = Record<string, string | number>;

/**
 * A number filled into a Khmer string is written in Khmer digits (the style
 * rule of content/style/km.yaml); text values (a reference, a phone number as
 * dialled) are left as given.
 */
export function fillPlaceholders(text: string, values: PlaceholderValues = {}): string {
  const khmer = /[\u1780-\u17FF]/.test(text);
  // A value the caller did not give becomes empty rather than showing "{{name}}" to the person.
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) return '';
    return typeof value === 'number' && khmer ? khmerDigits(String(value)) : String(value);
  });
}
