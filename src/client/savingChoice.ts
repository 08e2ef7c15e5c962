/**
 * What the person decided about saving pages on this phone: "Not now" (the
 * question asked under Save-Data) or Stop (while saving). Remembered for 30
 * days: until then no page asks again or saves by itself, and the footer
 * still offers saving. Saying yes forgets it. "Clear everything" and the
 * quick exit remove it with the rest of the site's storage.
 */
export const CHOICE_KEY = 'sj-offline-choice';
export const CHOICE_DAYS = 30;
export type SavingChoice = 'not-now' | 'stopped';

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
const DAY_MS = 24 * 60 * 60 * 1000;

function local(): StorageLike | undefined {
  try { return globalThis.localStorage; } catch { return undefined; } // storage disabled: nothing is remembered
}

export function rememberChoice(choice: SavingChoice, storage = local(), now = Date.now()): void {
  try { storage?.setItem(CHOICE_KEY, JSON.stringify({ choice, at: now })); } catch { /* full or disabled */ }
}

export function forgetChoice(storage = local()): void {
  try { storage?.removeItem(CHOICE_KEY); } catch { /* disabled */ }
}

/** The choice made in the last 30 days, if any. */
export function rememberedChoice(storage = local(), now = Date.now()): SavingChoice | undefined {
  let record: { choice?: unknown; at?: unknown } | undefined;
  try { record = JSON.parse(storage?.getItem(CHOICE_KEY) ?? 'null') ?? undefined; } catch { record = undefined; }
  const { choice, at } = record ?? {};
  if ((choice !== 'not-now' && choice !== 'stopped') || typeof at !== 'number') return undefined;
  if (now - at > CHOICE_DAYS * DAY_MS) {
    forgetChoice(storage);
    return undefined;
  }
  return choice;
}

/** Save-Data: the browser's data saver (it sends the `Save-Data: on` header and says so here). */
export function saveDataOn(nav: Navigator | undefined = globalThis.navigator): boolean {
  return !!(nav as (Navigator & { connection?: { saveData?: boolean } }) | undefined)?.connection?.saveData;
}
