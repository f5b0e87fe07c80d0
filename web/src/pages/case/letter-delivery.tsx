/**
 * Where a letter to the family is (its delivery through SvarUt, or by hand), when the family
 * received it, and the complaint deadline counted from that; and for KE the form that records a
 * letter handed over by hand. Shown beside each letter in the case's list of letters.
 */
import { Button, Paragraph, Tag, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, formErrors, type components } from '../../api';
import { language, msg, t } from '../../i18n';
import { translateRefusal } from '../../rule-messages';
import { useSession } from '../../session';
import { DateField, RadioGroup } from './fields';
import { dateText, osloToday } from './labels';

type Delivery = components['schemas']['LetterDelivery'];
type State = Delivery['state'];
type How = NonNullable<Delivery['handedOver']>['how'];

export interface DeliveredLetter {
  id: string;
  title: string;
  delivery: Delivery | null;
  complaintDeadline: { date: string; from: 'receipt' | 'letter_date' } | null;
}

/** A delivery's state, shown through t(). */
export const DELIVERY_STATE_TEXT: Record<State, string> = {
  pending: msg('Venter på utsending'),
  by_hand: msg('Skal leveres for hånd'),
  sending: msg('Sendes'),
  accepted: msg('Mottatt av SvarUt, ikke levert ennå'),
  delivered_digitally: msg('Levert digitalt'),
  sent_to_print: msg('Sendt med post'),
  read: msg('Lest av mottakeren'),
  failed: msg('Kunne ikke leveres'),
  handed_over: msg('Levert for hånd'),
};

const BY_HAND_REASON_TEXT = {
  not_configured: msg('Brev sendes ikke digitalt fra denne tjenesten (SvarUt er ikke satt opp).'),
  no_address: msg('Mottakeren mangler postadresse i saken.'),
} as const;

const HOW_TEXT: Record<How, string> = { personlig: msg('personlig'), post: msg('med post'), annet: msg('på annen måte') };

const HOW_OPTIONS = [
  { value: 'personlig' as const, label: msg('Personlig') },
  { value: 'post' as const, label: msg('Med post fra koordinerende enhet') },
  { value: 'annet' as const, label: msg('Annet'), description: msg('Skriv hvordan i merknaden') },
];

/** KE may record a hand-over until the letter has reached the family some other way. */
const CAN_HAND_OVER: ReadonlySet<State> = new Set(['pending', 'by_hand', 'sending', 'accepted', 'sent_to_print', 'failed']);

export function tone(state: State): 'success' | 'warning' | 'danger' | 'info' {
  if (state === 'read' || state === 'delivered_digitally' || state === 'handed_over' || state === 'sent_to_print') return 'success';
  if (state === 'failed') return 'danger';
  if (state === 'by_hand') return 'warning';
  return 'info';
}

function receiptText(d: Delivery): string | undefined {
  if (!d.receivedOn) return undefined;
  if (d.state === 'handed_over' && d.handedOver) return t('Levert {{how}} {{date}}.', { how: t(HOW_TEXT[d.handedOver.how]), date: dateText(d.handedOver.on) });
  if (d.state === 'sent_to_print') return t('Regnes som mottatt {{date}} (utskriftsdag pluss vanlig postgang).', { date: dateText(d.receivedOn) });
  return t('Mottatt {{date}}.', { date: dateText(d.receivedOn) });
}

/** A letter's delivery that reads itself again after KE has recorded a hand-over. */
export function DeliveryPanel({ caseId, letter, reason }: { caseId: string; letter: DeliveredLetter; reason?: string }) {
  const [current, setCurrent] = useState(letter);
  const reload = async () => {
    const answer = await api.GET('/cases/{id}/letters/{letterId}/delivery', {
      params: { path: { id: caseId, letterId: letter.id }, header: reason ? { 'x-access-reason': reason } : {} },
    });
    if (answer.data) setCurrent(answer.data);
  };
  return (
    // In the app's målform, though it stands inside a letter that may be in the other.
    <section className="bk-letter-delivery" aria-label={t('Utsending av brevet')} lang={language()}>
      <LetterDelivery caseId={caseId} letter={current} onChanged={() => void reload()} />
    </section>
  );
}

export function LetterDelivery({ caseId, letter, onChanged }: { caseId: string; letter: DeliveredLetter; onChanged(): void }) {
  const session = useSession();
  const d = letter.delivery;
  const [open, setOpen] = useState(false);
  return (
    <div className="bk-letter-delivery">
      {d ? (
        <>
          <Paragraph data-size="sm">
            <Tag data-color={tone(d.state)} data-size="sm">
              {t(DELIVERY_STATE_TEXT[d.state])}
            </Tag>{' '}
            {d.escalated && (
              <Tag data-color="danger" data-size="sm">
                {t('Koordinerende enhet er varslet')}
              </Tag>
            )}
          </Paragraph>
          {d.state === 'by_hand' && d.byHandReason && <Paragraph data-size="sm">{t(BY_HAND_REASON_TEXT[d.byHandReason])}</Paragraph>}
          {receiptText(d) && <Paragraph data-size="sm">{receiptText(d)}</Paragraph>}
          {d.handedOver?.note && <Paragraph data-size="sm">{t('Merknad: {{note}}', { note: d.handedOver.note })}</Paragraph>}
        </>
      ) : (
        <Paragraph data-size="sm">{t('Utsendingen er ikke registrert.')}</Paragraph>
      )}
      {letter.complaintDeadline && (
        <Paragraph data-size="sm">
          {letter.complaintDeadline.from === 'receipt'
            ? t('Klagefrist {{date}} (regnet fra da familien mottok brevet).', { date: dateText(letter.complaintDeadline.date) })
            : t('Klagefrist {{date}} (regnet fra brevets dato).', { date: dateText(letter.complaintDeadline.date) })}
        </Paragraph>
      )}
      {session.hasRole('ke') && (!d || CAN_HAND_OVER.has(d.state)) && !open && (
        <Button variant="secondary" data-size="sm" onClick={() => setOpen(true)} aria-label={t('Registrer levert for hånd: {{title}}', { title: letter.title })}>
          {t('Registrer levert for hånd')}
        </Button>
      )}
      {open && (
        <HandOverForm
          caseId={caseId}
          letterId={letter.id}
          onDone={() => {
            setOpen(false);
            onChanged();
          }}
          onCancel={() => setOpen(false)}
        />
      )}
    </div>
  );
}

function HandOverForm({ caseId, letterId, onDone, onCancel }: { caseId: string; letterId: string; onDone(): void; onCancel(): void }) {
  const [on, setOn] = useState(osloToday());
  const [how, setHow] = useState<How | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit() {
    setErrors({});
    setMessage(undefined);
    if (!how) return setErrors({ how: t('Velg hvordan brevet ble levert') });
    setBusy(true);
    try {
      const answer = await api.POST('/cases/{id}/letters/{letterId}/handed-over', {
        params: { path: { id: caseId, letterId } },
        body: { on, how, ...(note.trim() ? { note: note.trim() } : {}) },
      });
      if (answer.data) return onDone();
      const problem = (answer.error ?? {}) as { status?: number; detail?: string };
      if (answer.response.status === 409 && problem.detail) return setMessage(translateRefusal(problem.detail).text);
      const { fields, summary } = formErrors(answer.error);
      // The API names the field of a day after today or before the letter in its detail ("on: …").
      if (problem.detail?.startsWith('on: ')) fields.on ??= problem.detail.includes('after today') ? t('Datoen kan ikke være etter i dag') : t('Datoen kan ikke være før brevet ble skrevet');
      setErrors(fields);
      setMessage(Object.keys(fields).length > 0 ? t('Noen felt er ikke fylt ut riktig. Se meldingen ved feltet.') : summary);
    } catch {
      setMessage(t('Kunne ikke nå tjenesten. Sjekk nettverket og prøv igjen.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="bk-form"
      aria-label={t('Registrer levert for hånd')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <DateField label={t('Levert dato')} value={on} onChange={setOn} error={errors.on} />
      <RadioGroup legend={t('Hvordan ble brevet levert?')} options={HOW_OPTIONS.map((o) => ({ ...o, label: t(o.label), description: o.description && t(o.description) }))} value={how} onChange={setHow} error={errors.how} />
      <Textfield label={t('Merknad (valgfritt)')} value={note} onChange={(e) => setNote(e.target.value)} error={errors.note} />
      {message && <ValidationMessage role="alert">{message}</ValidationMessage>}
      <div className="bk-buttons">
        <Button type="submit" data-size="sm" disabled={busy}>
          {t('Registrer levert for hånd')}
        </Button>
        <Button type="button" variant="tertiary" data-size="sm" onClick={onCancel}>
          {t('Avbryt')}
        </Button>
      </div>
    </form>
  );
}
