/** Remembers the language chosen with the switch, for the `/` redirect (which reads this cookie). */
import { LOCALE_COOKIE, isLocale } from '../domain/locales';

export function initLanguageChoice(doc: Document = document): void {
  doc.querySelectorAll<HTMLAnchorElement>('[data-lang-switch]').forEach((link) => {
    link.addEventListener('click', () => {
      const chosen = link.dataset.langSwitch;
      if (!isLocale(chosen)) return;
      const secure = location.protocol === 'https:' ? '; Secure' : '';
      doc.cookie = `${LOCALE_COOKIE}=${chosen}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
    });
  });
}
