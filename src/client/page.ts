/** The one script every page loads (a few hundred bytes): quick exit and the language choice. */
import { initQuickExit } from './quickExit';
import { initLanguageChoice } from './languageChoice';

initQuickExit();
initLanguageChoice();
