/**
 * "Before you go" checklist: ticks are kept on this phone (localStorage), can
 * be printed, and are removed by the button or by quick exit.
 */
import { useEffect, useState } from 'react';
import { fillPlaceholders } from '../../i18n/placeholders';
import type { UiStrings } from '../../i18n/strings';

export const CHECKLIST_KEY = 'sj-before-you-go';

interface Props {
  strings: UiStrings['checks'];
  groups: { id: string; title: string; items: { id: string; text: string; articleUrl?: string; articleTitle?: string }[] }[];
}


function read(): string[] {
  try { return JSON.parse(localStorage.getItem(CHECKLIST_KEY) ?? '[]') as string[]; } catch { return []; }
}

export default function BeforeYouGoChecklist({ strings: t, groups }: Props) {
  const [done, setDone] = useState<string[]>([]);
  useEffect(() => {
    setDone(read());
    // Quick exit removes the ticks: they show what the person is planning.
    const clear = () => localStorage.removeItem(CHECKLIST_KEY);
    window.addEventListener('sj:quick-exit', clear);
    return () => window.removeEventListener('sj:quick-exit', clear);
  }, []);

  const toggle = (id: string, on: boolean) => {
    const next = on ? [...new Set([...done, id])] : done.filter((d) => d !== id);
    setDone(next);
    try { localStorage.setItem(CHECKLIST_KEY, JSON.stringify(next)); } catch { /* storage off: ticks last for this visit */ }
  };
  const total = groups.reduce((n, g) => n + g.items.length, 0);

  return (
    <div className="checklist">
      <p className="hint" aria-live="polite">{fillPlaceholders(t.progress, { done: done.length, total })}</p>
      {groups.map((g) => (
        <fieldset className="field" key={g.id}>
          <legend><h2>{g.title}</h2></legend>
          {g.items.map((item) => (
            // The item's text ticks it; the article link is its own target, beside it, not inside the label.
            <div className="checklist-item" key={item.id}>
              <label className="choice">
                <input type="checkbox" checked={done.includes(item.id)} onChange={(e) => toggle(item.id, e.target.checked)} />
                <span>{item.text}</span>
              </label>
              {item.articleUrl && <a className="read-more" href={item.articleUrl}>{item.articleTitle}</a>}
            </div>
          ))}
        </fieldset>
      ))}
      <div className="button-row no-print">
        <button className="button" type="button" onClick={() => window.print()}>{t.print}</button>
        <button className="button danger" type="button" onClick={() => { localStorage.removeItem(CHECKLIST_KEY); setDone([]); }}>{t.clearList}</button>
      </div>
    </div>
  );
}
