/**
 * The request-for-contact form: one plain question per field, validated on
 * submit with the GOV.UK error-summary pattern (summary at the top linking to
 * each field, the message repeated by the field, what was typed kept). On
 * submit the request goes to the phone's queue first, then to the server.
 * Strings come as props: no i18next in the browser. Nothing typed is stored
 * before the person presses "Send".
 */
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { MESSAGE_MAX, validateIntake, type IntakeField } from '../../domain/intake';
import type { Locale } from '../../domain/locales';
import { INTAKE_TOPICS } from '../../domain/topics';
import { fillPlaceholders } from '../../i18n/placeholders';
import type { UiStrings } from '../../i18n/strings';
import { submit, type SubmitResult } from '../../client/queue';
import { EMPTY_FORM, formInput, type FormValues, type HelpAnswer } from '../../domain/intakeForm';

export interface IntakeFormStrings {
  form: UiStrings['intake']['form'];
  errors: Record<IntakeField, string>;
}

interface Props {
  locale: Locale;
  strings: IntakeFormStrings;
  provinces: { code: string; name: string }[];
  /** Server-rendered answer to the same form posted without JavaScript (src/pages/[lang]/help/answer.astro). */
  answer?: HelpAnswer;
}

type Values = FormValues;
/** What POST /api/intake answers with 201 (and 200 for a replay). */
type IntakeReceipt = { reference: string; partner: { id: string; name: string } };
type Outcome = { kind: 'sent'; reference: string; partner: string } | { kind: 'queued' } | { kind: 'rejected'; status: number };

function outcomeOf(result: SubmitResult<IntakeReceipt>): Outcome {
  if (result.outcome === 'sent') return { kind: 'sent', reference: result.answer.reference, partner: result.answer.partner.name };
  if (result.outcome === 'rejected') return { kind: 'rejected', status: result.answer.status };
  return { kind: 'queued' };
}
const FIRST_INPUT: Partial<Record<IntakeField, string>> = { topic: 'topic-migration', under18: 'under18-yes', discreet: 'discreet-yes-safe' };
/** The element an error links to: the field, or the first choice of a group. */
const fieldId = (field: IntakeField) => FIRST_INPUT[field] ?? `intake-${field}`;

/**
 * "Show my reference": the references of requests sent from this phone, only
 * when asked, after a warning; never shown by themselves on any page.
 */
function MyReference({ strings: t }: { strings: IntakeFormStrings['form'] }) {
  const [references, setReferences] = useState<string[] | undefined>();
  async function show() {
    const { sentReferences } = await import('../../client/queue');
    setReferences((await sentReferences()).map((r) => r.reference));
  }
  return (
    <div className="my-reference">
      <p className="hint">{t.myReferenceWarning}</p>
      {references === undefined
        ? <button type="button" className="button secondary" onClick={() => void show()}>{t.showMyReference}</button>
        : references.length
          ? <ul className="reference-list" aria-live="polite">{references.map((r) => <li key={r} className="reference" lang="en">{r}</li>)}</ul>
          : <p aria-live="polite">{t.noReference}</p>}
    </div>
  );
}

export default function IntakeForm({ locale, strings, provinces, answer }: Props) {
  const t = strings.form;
  const [values, setValues] = useState<Values>(answer?.kind === 'invalid' ? answer.values : EMPTY_FORM);
  const [errors, setErrors] = useState<IntakeField[]>(answer?.kind === 'invalid' ? answer.errors : []);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>(answer?.kind === 'sent' ? { kind: 'sent', reference: answer.reference, partner: answer.partner } : undefined);
  const idRef = useRef<string | undefined>(undefined);
  const summaryRef = useRef<HTMLDivElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => { if (errors.length) summaryRef.current?.focus(); }, [errors]);
  useEffect(() => { if (outcome) outcomeRef.current?.focus(); }, [outcome]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  function payload() {
    idRef.current ??= crypto.randomUUID();
    return { id: idRef.current, ...formInput(values, locale) };
  }

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    const body = payload();
    const checked = validateIntake(body);
    if (!checked.ok) {
      setErrors(checked.errors.map((e) => e.path));
      return;
    }
    setErrors([]);
    setSending(true);
    try {
      // The queue writes it to the phone first: from there on the request is never lost.
      setOutcome(outcomeOf(await submit<IntakeReceipt>('intake', '/api/intake', body)));
    } finally {
      setSending(false);
    }
  }

  if (outcome) {
    return (
      <div className="form-outcome" ref={outcomeRef} tabIndex={-1} role="status">
        {outcome.kind === 'sent' && (
          <div className="panel-success">
            <h2>{t.sentTitle}</h2>
            <p>{t.reference}</p>
            <p className="reference" lang="en">{outcome.reference}</p>
            <p>{t.referenceHint}</p>
            <p>{fillPlaceholders(t.partner, { partner: outcome.partner })}</p>
            <p>{t.next}</p>
          </div>
        )}
        {outcome.kind === 'queued' && (
          <div className="panel-queued">
            <h2>{t.queuedTitle}</h2>
            <p>{t.queued}</p>
          </div>
        )}
        {outcome.kind === 'rejected' && (
          <div className="panel-rejected">
            <h2>{t.rejectedTitle}</h2>
            <p>{t.rejected}</p>
          </div>
        )}
      </div>
    );
  }

  // A link in the error summary moves to its field without a history entry (a shared phone's Back list stays as it was).
  const goToField = (event: { preventDefault(): void }, field: IntakeField) => {
    event.preventDefault();
    document.getElementById(fieldId(field))?.focus();
  };
  const has = (field: IntakeField) => errors.includes(field);
  const errorId = (field: IntakeField) => `${fieldId(field)}-error`;
  const describedBy = (field: IntakeField, hint?: string) => [hint, has(field) ? errorId(field) : undefined].filter(Boolean).join(' ') || undefined;
  const ErrorText = ({ field }: { field: IntakeField }) =>
    has(field) ? <p className="field-error" id={errorId(field)}>{strings.errors[field]}</p> : null;
  const remaining = MESSAGE_MAX - [...values.message].length;

  return (
    // A real form: without JavaScript it posts to the server (src/server/intake/form.ts); with it, the queue sends it.
    <form className="intake-form" id="intake-form" method="post" action={`/${locale}/help/`} noValidate onSubmit={handleSubmit}>
      {errors.length > 0 && (
        <div className="error-summary" ref={summaryRef} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">{t.errorSummary}</h2>
          <ul>
            {errors.map((field) => (
              <li key={field}><a href={`#${fieldId(field)}`} onClick={(event) => goToField(event, field)}>{strings.errors[field]}</a></li>
            ))}
          </ul>
        </div>
      )}

      <fieldset className={has('topic') ? 'field has-error' : 'field'} aria-describedby={describedBy('topic')}>
        <legend>{t.topic}</legend>
        <ErrorText field="topic" />
        {INTAKE_TOPICS.map((topic) => (
          <label key={topic} className="choice">
            <input type="radio" name="topic" id={`topic-${topic}`} value={topic} checked={values.topic === topic} onChange={() => set('topic', topic)} />
            <span>{t.topics[topic as keyof typeof t.topics]}</span>
          </label>
        ))}
      </fieldset>

      <div className={has('province') ? 'field has-error' : 'field'}>
        <label htmlFor="intake-province">{t.province}</label>
        <ErrorText field="province" />
        <select id="intake-province" name="province" value={values.province} onChange={(e) => set('province', e.target.value)} aria-describedby={describedBy('province')} aria-invalid={has('province') || undefined}>
          <option value="">{t.provincePlaceholder}</option>
          {provinces.map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
        </select>
      </div>

      <fieldset className={has('under18') ? 'field has-error' : 'field'} aria-describedby={describedBy('under18')}>
        <legend>{t.under18}</legend>
        <ErrorText field="under18" />
        <div className="choices-inline">
          <label className="choice"><input type="radio" name="under18" id="under18-yes" value="yes" checked={values.under18 === 'yes'} onChange={() => set('under18', 'yes')} /><span>{t.yes}</span></label>
          <label className="choice"><input type="radio" name="under18" id="under18-no" value="no" checked={values.under18 === 'no'} onChange={() => set('under18', 'no')} /><span>{t.no}</span></label>
        </div>
      </fieldset>

      <div className={has('phone') ? 'field has-error' : 'field'}>
        <label htmlFor="intake-phone">{t.phone}</label>
        <p className="hint" id="intake-phone-hint">{t.phoneHint}</p>
        <ErrorText field="phone" />
        <input id="intake-phone" name="phone" type="tel" inputMode="tel" autoComplete="tel" value={values.phone} onChange={(e) => set('phone', e.target.value)} aria-describedby={describedBy('phone', 'intake-phone-hint')} aria-invalid={has('phone') || undefined} />
      </div>

      <div className={has('name') ? 'field has-error' : 'field'}>
        <label htmlFor="intake-name">{t.name} <span className="optional">{t.optional}</span></label>
        <p className="hint" id="intake-name-hint">{t.nameHint}</p>
        <ErrorText field="name" />
        <input id="intake-name" name="name" type="text" autoComplete="off" value={values.name} onChange={(e) => set('name', e.target.value)} aria-describedby={describedBy('name', 'intake-name-hint')} aria-invalid={has('name') || undefined} />
      </div>

      <div className={has('callTime') ? 'field has-error' : 'field'}>
        <label htmlFor="intake-callTime">{t.callTime} <span className="optional">{t.optional}</span></label>
        <p className="hint" id="intake-callTime-hint">{t.callTimeHint}</p>
        <ErrorText field="callTime" />
        <input id="intake-callTime" name="callTime" type="text" autoComplete="off" value={values.callTime} onChange={(e) => set('callTime', e.target.value)} aria-describedby={describedBy('callTime', 'intake-callTime-hint')} aria-invalid={has('callTime') || undefined} />
      </div>

      <fieldset className={has('discreet') ? 'field has-error' : 'field'} aria-describedby={describedBy('discreet')}>
        <legend>{t.discreet} <span className="optional">{t.optional}</span></legend>
        <ErrorText field="discreet" />
        <label className="choice"><input type="radio" name="discreet" id="discreet-yes-safe" value="no" checked={values.discreet === 'no'} onChange={() => set('discreet', 'no')} /><span>{t.discreetYes}</span></label>
        <label className="choice"><input type="radio" name="discreet" id="discreet-no" value="yes" checked={values.discreet === 'yes'} onChange={() => set('discreet', 'yes')} /><span>{t.discreetNo}</span></label>
      </fieldset>

      <div className={has('message') ? 'field has-error' : 'field'}>
        <label htmlFor="intake-message">{t.message} <span className="optional">{t.optional}</span></label>
        <p className="hint" id="intake-message-hint">{t.messageHint}</p>
        <ErrorText field="message" />
        <textarea id="intake-message" name="message" rows={5} value={values.message} onChange={(e) => set('message', e.target.value)} aria-describedby={describedBy('message', 'intake-message-hint intake-message-count')} aria-invalid={has('message') || undefined} />
        <p className={remaining < 0 ? 'hint count over' : 'hint count'} id="intake-message-count" aria-live="polite">
          {remaining >= 0 ? fillPlaceholders(t.remaining, { count: remaining }) : fillPlaceholders(t.tooMany, { count: -remaining })}
        </p>
      </div>

      <div className={has('consent') ? 'field has-error' : 'field'}>
        <ErrorText field="consent" />
        <label className="choice consent" htmlFor="intake-consent">
          <input id="intake-consent" name="consent" value="yes" type="checkbox" checked={values.consent} onChange={(e) => set('consent', e.target.checked)} aria-describedby={describedBy('consent', 'intake-consent-hint')} aria-invalid={has('consent') || undefined} />
          <span>{t.consent}</span>
        </label>
        <p className="hint" id="intake-consent-hint">{t.consentHint}</p>
      </div>

      <button type="submit" className="button submit" disabled={sending}>{sending ? t.sending : t.submit}</button>
      <MyReference strings={t} />
    </form>
  );
}
