/**
 * A letter to the family shown in the page. The server's letter is rendered from its parts (the
 * JSON form of GET /cases/{id}/letters/{letterId}, and the preview's `letter`) as React text, not
 * its HTML: nothing of it is markup, and no frame or blob document is needed under the app's CSP.
 */
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { msg, nynorskCatalogue } from '../../i18n';
import { dateText } from './labels';
import { DeliveryPanel, type DeliveredLetter } from './letter-delivery';

export interface LetterBody {
  title: string;
  date: string;
  to: string[];
  sections: { heading?: string; text: string }[];
  signature: string;
  /** The målform the letter is written in (bokmål when absent). */
  malform?: 'nb' | 'nn';
  /** A sent letter's delivery, shown under it (absent in previews of letters not yet written). */
  delivered?: { caseId: string; letter: DeliveredLetter; reason?: string };
}

/**
 * The letter's own words around its parts, in the letter's målform rather than the reader's, as
 * the server writes them in the letter's HTML and PDF. A nynorsk letter waits for the nynorsk
 * catalogue (loaded once) rather than showing bokmål words for a moment.
 */
function useLetterWords(malform: LetterBody['malform']): ((text: string) => string) | null {
  const [nn, setNn] = useState<Record<string, string> | null>(null);
  useEffect(() => {
    let active = true;
    if (malform === 'nn') void nynorskCatalogue().then((found) => active && setNn(found));
    return () => {
      active = false;
    };
  }, [malform]);
  if (malform !== 'nn') return (text) => text;
  return nn ? (text) => nn[text] ?? text : null;
}

export function LetterText({ letter }: { letter: LetterBody }) {
  const inLetter = useLetterWords(letter.malform);
  if (!inLetter) return null;
  return (
    <article className="bk-letter" lang={letter.malform ?? 'nb'}>
      <Paragraph data-size="sm">
        {inLetter(msg('Til:'))} {letter.to.join(', ')}
      </Paragraph>
      <Paragraph data-size="sm">
        {inLetter(msg('Dato:'))} {dateText(letter.date)}
      </Paragraph>
      <Heading level={5} data-size="xs">
        {letter.title}
      </Heading>
      {letter.sections.map((s, i) => (
        <div key={i}>
          {s.heading && (
            <Heading level={6} data-size="2xs">
              {s.heading}
            </Heading>
          )}
          <Paragraph>{s.text}</Paragraph>
        </div>
      ))}
      <Paragraph>
        {inLetter(msg('Med vennlig hilsen'))}
        <br />
        {letter.signature}
      </Paragraph>
      {letter.delivered && <DeliveryPanel {...letter.delivered} />}
    </article>
  );
}

/**
 * Fetches a letter in one representation with the session (and a closed case's reason) and saves
 * it as a file: a plain link could not send the Accept header or the reason.
 */
export async function downloadLetter(caseId: string, letterId: string, format: 'pdf' | 'html', reason: string | undefined): Promise<boolean> {
  const response = await fetch(`/cases/${caseId}/letters/${letterId}`, {
    credentials: 'same-origin',
    headers: { accept: format === 'pdf' ? 'application/pdf' : 'text/html', ...(reason ? { 'x-access-reason': reason } : {}) },
  });
  if (!response.ok) return false;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `brev-${letterId.slice(0, 8)}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}

/** The letter's parts and where it is on its way to the family, for showing it in the page. */
export async function fetchLetter(caseId: string, letterId: string, reason: string | undefined): Promise<LetterBody | undefined> {
  const headers = { accept: 'application/json', ...(reason ? { 'x-access-reason': reason } : {}) };
  const [response, delivery] = await Promise.all([
    fetch(`/cases/${caseId}/letters/${letterId}`, { credentials: 'same-origin', headers }),
    fetch(`/cases/${caseId}/letters/${letterId}/delivery`, { credentials: 'same-origin', headers }),
  ]);
  if (!response.ok) return undefined;
  const body = (await response.json()) as LetterBody;
  // Without its delivery the letter is still shown.
  return delivery.ok ? { ...body, delivered: { caseId, letter: (await delivery.json()) as DeliveredLetter, reason } } : body;
}

export { LetterDelivery, DELIVERY_STATE_TEXT, tone as deliveryTone, type DeliveredLetter } from './letter-delivery';
