/**
 * "Is this job offer safe?": yes/no questions; the result names each warning
 * sign found with the article that explains it, or "fewer warning signs" with
 * what still to check — never "safe". Answers stay in this page: nothing is
 * stored or sent.
 */
import { useRef, useState, type SubmitEvent } from 'react';
import { scoreJobOffer, type Answer } from '../../domain/selfChecks';
import { fillPlaceholders } from '../../i18n/placeholders';
import { khmerDigits } from '../../i18n/format';
import type { UiStrings } from '../../i18n/strings';

export interface JobQuestion { id: string; warnIf: Answer; question: string; sign: string; explain: string; articleUrl: string; articleTitle: string }

interface Props {
  strings: UiStrings['checks'];
  questions: JobQuestion[];
  stillToCheck: string[];
  hotlines: { number: string; href: string; name: string }[];
}


export default function JobOfferCheck({ strings: t, questions, stillToCheck, hotlines }: Props) {
  const [answers, setAnswers] = useState<Partial<Record<string, Answer>>>({});
  const [shown, setShown] = useState(false);
  const resultRef = useRef<HTMLElement>(null);
  const { signs, unanswered } = scoreJobOffer(questions, answers);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setShown(true);
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  return (
    <>
      <form className="intake-form self-check" onSubmit={submit}>
        {questions.map((q, i) => (
          <fieldset className="field" key={q.id}>
            <legend>{/[\u1780-\u17FF]/.test(q.question) ? khmerDigits(String(i + 1)) : i + 1}. {q.question}</legend>
            <div className="choices-inline">
              {(['yes', 'no'] as const).map((a) => (
                <label className="choice" key={a}>
                  <input type="radio" name={q.id} value={a} checked={answers[q.id] === a} onChange={() => { setAnswers({ ...answers, [q.id]: a }); setShown(false); }} />
                  <span>{a === 'yes' ? t.yes : t.no}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <div className="button-row">
          <button className="button submit" type="submit">{t.showResult}</button>
          <button className="button secondary" type="button" onClick={() => { setAnswers({}); setShown(false); }}>{t.startAgain}</button>
        </div>
      </form>
      {shown && (
        <section className="check-result" ref={resultRef} tabIndex={-1} aria-labelledby="check-result-title">
          {unanswered === questions.length ? (
            // Nothing answered is not "fewer warning signs": it is no answer at all.
            <>
              <h2 id="check-result-title">{t.answerFirst}</h2>
              <p>{t.answerFirstIntro}</p>
            </>
          ) : signs.length > 0 ? (
            <>
              <h2 id="check-result-title">{fillPlaceholders(signs.length === 1 ? t.signsFound_one : t.signsFound_other, { count: signs.length })}</h2>
              <p>{t.signsIntro}</p>
              <ul className="signs">
                {signs.map((q) => (
                  <li key={q.id}>
                    <strong>{q.sign}</strong>
                    <p>{q.explain}</p>
                    <a href={q.articleUrl}>{t.readMore}: {q.articleTitle}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <h2 id="check-result-title">{t.fewer}</h2>
              <p>{t.fewerIntro}</p>
              <ul>{stillToCheck.map((item) => <li key={item}>{item}</li>)}</ul>
            </>
          )}
          {unanswered > 0 && unanswered < questions.length && <p className="hint">{fillPlaceholders(unanswered === 1 ? t.unanswered_one : t.unanswered_other, { count: unanswered })}</p>}
          <h3>{t.helpTitle}</h3>
          <ul className="hotline-list">{hotlines.map((h) => <li key={h.number}><a href={h.href}>{h.number}</a> {h.name}</li>)}</ul>
        </section>
      )}
    </>
  );
}
