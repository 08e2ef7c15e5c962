/** The one script every page loads: quick exit and the language choice now; offline use after `load`. */
import { initQuickExit } from './quickExit';
import { initLanguageChoice } from './languageChoice';

initQuickExit();
initLanguageChoice();

// Offline use is set up once the page has loaded, so it never competes with it.
const startOffline = () => void import('./offline').then((m) => m.startOffline());
if (document.readyState === 'complete') startOffline();
else window.addEventListener('load', startOffline, { once: true });
