/** `safe-migration/agencies-and-brokers` → the article's address and title in a language (the build fails on a wrong reference). */
import type { Locale } from '../domain/locales';
import { articlesOf, articlePath } from './content';
import { localePath } from '../i18n/routes';

export async function articleResolver(locale: Locale) {
  const articles = await articlesOf(locale);
  return (ref: string) => {
    const article = articles.find((a) => articlePath(a) === `/${ref}/`);
    if (!article) throw new Error(`content/selfchecks: no article "${ref}" in ${locale}`);
    return { url: localePath(locale, articlePath(article)), title: article.data.title };
  };
}
