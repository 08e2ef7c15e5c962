/** The interface strings as data (no i18next): for the server's API messages and the islands' props. */
import en from '../../content/ui/en.json';
import km from '../../content/ui/km.json';

export const uiResources = { en, km } as const;
export type UiStrings = typeof en;
