/** The session record form: validated with the shared schema, queued on the phone, sent when online (the queue module, reused). */
import { validateSessionLog, type SessionField } from '../domain/sessionLog';
import { fillPlaceholders } from '../i18n/placeholders';
import { submit } from './queue';

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
    const result = await submit<{ reference?: string }>('session', '/api/sessions', payload);
    const outcome = document.getElementById('session-outcome')!;
    outcome.textContent = result.outcome === 'sent' ? fillPlaceholders(strings.recordSent ?? '', { reference: result.answer.reference ?? '' })
      : result.outcome === 'rejected' ? strings.recordRejected ?? '' : strings.recordQueued ?? '';
    outcome.hidden = false;
    form.hidden = true;
    outcome.focus();
  });
}
