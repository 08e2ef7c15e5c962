/** The session record form: validated with the shared schema, queued on the phone, sent when online (the queue module, reused). */
import { validateSessionLog, type SessionField } from '../domain/sessionLog';
import { enqueue, flush, getItem, SYNC_TAG } from './queue';

export function startSessionRecord(): void {
  const form = document.getElementById('session-form') as HTMLFormElement | null;
  if (!form) return;
  const strings = JSON.parse(document.getElementById('present-strings')?.textContent ?? '{}') as Record<string, string> & { recordErrors: Record<SessionField, string> };
  const deck = new URLSearchParams(location.search).get('deck');
  const deckSelect = form.elements.namedItem('deck') as HTMLSelectElement;
  if (deck && [...deckSelect.options].some((o) => o.value === deck)) deckSelect.value = deck;
  const dateInput = form.elements.namedItem('date') as HTMLInputElement;
  dateInput.value ||= new Date().toISOString().slice(0, 10);
  let id: string | undefined;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    id ??= crypto.randomUUID();
    const payload = {
      id, locale: document.documentElement.lang, deck: String(data.get('deck') ?? ''), province: String(data.get('province') ?? ''),
      date: String(data.get('date') ?? ''), people: Number(data.get('people') || NaN), under18: Number(data.get('under18') || 0),
    };
    const summary = document.getElementById('session-errors')!;
    const checked = validateSessionLog(payload);
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    if (!checked.ok) {
      const list = summary.querySelector('ul')!;
      list.replaceChildren(...checked.errors.map(({ path }) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = path === 'form' ? '#session-form' : `#session-${path}`;
        a.textContent = strings.recordErrors[path];
        li.append(a);
        document.getElementById(`session-${path}`)?.setAttribute('aria-invalid', 'true');
        return li;
      }));
      summary.hidden = false;
      summary.focus();
      return;
    }
    summary.hidden = true;
    await enqueue('session', '/api/sessions', payload);
    await flush().catch(() => undefined);
    const item = await getItem(id);
    const outcome = document.getElementById('session-outcome')!;
    const reference = (item?.receipt as { reference?: string } | undefined)?.reference;
    outcome.textContent = item?.status === 'sent' && reference ? (strings.recordSent ?? '').replace('{{reference}}', reference)
      : item?.status === 'rejected' ? strings.recordRejected ?? '' : strings.recordQueued ?? '';
    outcome.hidden = false;
    form.hidden = true;
    outcome.focus();
    if (item?.status === 'pending') {
      const registration = await navigator.serviceWorker?.ready.catch(() => undefined);
      await (registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } } | undefined)?.sync?.register(SYNC_TAG).catch(() => undefined);
    }
  });
}
