/** The read-only sections of the case page: timeline, letters, deadlines, complaints, meetings, tasks and the access log. */
import { Button, Dialog, Heading, Link, Paragraph, Spinner, Table, Tag, ValidationMessage } from '@digdir/designsystemet-react';
import { useRef, useState, type ReactNode } from 'react';
import { api, problemText } from '../../api';
import { useQuery } from '../../hooks/useQuery';
import { t } from '../../i18n';
import { useSession } from '../../session';
import { deadlineText } from '../../texts';
import type { CaseView } from './allowed';
import {
  CLOSURE_REASON_TEXT,
  COMPLAINT_ABOUT_TEXT,
  COMPLAINT_OUTCOME_TEXT,
  COMPLAINT_STATUS_TEXT,
  CONSENT_SCOPE_TEXT,
  MEETING_STATUS_TEXT,
  PLAN_STATUS_TEXT,
  TASK_TEXT,
  dateText,
  instantText,
  textOf,
  whenText,
} from './labels';
import { DELIVERY_STATE_TEXT, LetterText, deliveryTone, downloadLetter, fetchLetter, type LetterBody } from './letter';

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="bk-case-section">
      <Heading level={2} data-size="sm" id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

const reasonHeader = (reason: string | undefined) => (reason ? { 'x-access-reason': reason } : {});

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** The text of a code in lower case, as it reads inside a sentence; an unknown code as it is. */
const lower = (record: Record<string, string>, code: string) => (Object.hasOwn(record, code) ? textOf(record, code).toLowerCase() : code);
/** "a og b og c". */
export const andList = (items: string[]) => items.join(` ${t('og')} `);
const scopes = (data: unknown) => andList(((data as string[]) ?? []).map((s) => lower(CONSENT_SCOPE_TEXT, s)));

/** What an event of the case says, in Norwegian. */
export function eventText(type: string, data: Data): string {
  switch (type) {
    case 'RequestRegistered':
      return t('Henvendelsen ble registrert ({{channel}}, mottatt {{date}})', {
        channel: data.channel === 'oral' ? t('muntlig') : t('skriftlig'),
        date: dateText(str(data.receivedOn)),
      });
    case 'ConsentRecorded':
      return t('Samtykke registrert ({{scopes}})', { scopes: scopes(data.covers) });
    case 'ConsentWithdrawn':
      return t('Samtykke trukket tilbake ({{scopes}})', { scopes: scopes(data.scopes) });
    case 'KartleggingScheduled':
      return t('Kartleggingssamtale planlagt til {{when}}', { when: instantText(str(data.scheduledAt)) });
    case 'KartleggingHeld':
      return data.childParticipated
        ? t('Kartleggingssamtale holdt {{date}}, barnet deltok', { date: dateText(str(data.heldOn)) })
        : t('Kartleggingssamtale holdt {{date}}', { date: dateText(str(data.heldOn)) });
    case 'AssessmentRecorded':
      return t('Vilkårene er vurdert');
    case 'DecisionRecorded':
      return t('Avgjørelse: {{outcome}} ({{date}})', { outcome: data.outcome === 'granted' ? t('innvilget') : t('avslått'), date: dateText(str(data.decidedOn)) });
    case 'ComplaintReceived':
      return data.late
        ? t('Klage mottatt {{date}} (etter fristen)', { date: dateText(str(data.receivedOn)) })
        : t('Klage mottatt {{date}}', { date: dateText(str(data.receivedOn)) });
    case 'ComplaintOutcomeRecorded':
      return t('Utfall av klage: {{outcome}}', { outcome: lower(COMPLAINT_OUTCOME_TEXT, str(data.outcome)) });
    case 'CoordinatorAppointed':
      return t('Barnekoordinator oppnevnt');
    case 'CoordinatorChanged':
      return t('Koordinator byttet');
    case 'KickOffHeld':
      return t('Oppstartsamtale holdt {{date}}', { date: dateText(str(data.heldOn)) });
    case 'AnsvarsgruppeEstablished':
      return t('Ansvarsgruppe opprettet, møter hver {{months}}. måned', { months: String(data.intervalMonths) });
    case 'MeetingPlanned':
      return t('Ansvarsgruppemøte planlagt til {{when}}', { when: instantText(str(data.at)) });
    case 'MeetingMoved':
      return t('Ansvarsgruppemøte flyttet til {{when}}', { when: instantText(str(data.to)) });
    case 'MeetingCancelled':
      return t('Ansvarsgruppemøte avlyst');
    case 'MeetingHeld':
      return t('Ansvarsgruppemøte holdt {{date}}', { date: dateText(str(data.heldOn)) });
    case 'MinutesRecorded':
      return t('Referat skrevet {{date}}', { date: dateText(str(data.writtenOn)) });
    case 'IndividualPlanStatusSet':
      return t('Individuell plan: {{status}}', { status: lower(PLAN_STATUS_TEXT, str(data.status)) });
    case 'BirthRegistered':
      return t('Fødsel registrert');
    case 'CoordinatorAbsent':
      return data.kind === 'departure' ? t('Koordinatoren har sluttet') : t('Koordinatoren har permisjon');
    case 'LeaveEnded':
      return t('Koordinatorens permisjon er over');
    case 'TaskCompleted':
      return t('Oppgave utført: {{task}}', { task: textOf(TASK_TEXT, str(data.kind)) });
    case 'CaseExtended':
      return t('Saken forlenget til {{age}} år', { age: String(data.toAge) });
    case 'CaseClosed':
      return t('Saken avsluttet: {{reason}}', { reason: lower(CLOSURE_REASON_TEXT, str(data.reason)) });
    default:
      return type;
  }
}

function Loading({ label }: { label: string }) {
  return <Spinner aria-label={label} data-size="sm" />;
}

function Failed({ error }: { error: unknown }) {
  return <ValidationMessage>{problemText(error)}</ValidationMessage>;
}

export function Timeline({ caseId, version, reason }: { caseId: string; version: number; reason?: string }) {
  const { session } = useSession();
  const events = useQuery(`events:${caseId}:${version}`, () => api.GET('/cases/{id}/events', { params: { path: { id: caseId }, header: reasonHeader(reason) } }));
  const who = (actor: string) => (actor === 'system' ? t('Systemet') : actor === session.subject ? t('Deg') : actor);
  return (
    <Section id="bk-timeline" title={t('Hendelser')}>
      {events.loading && !events.data && <Loading label={t('Henter hendelser')} />}
      {events.error !== undefined && <Failed error={events.error} />}
      {events.data && (
        <ol className="bk-timeline">
          {[...events.data.events].reverse().map((e) => (
            <li key={e.seq}>
              <Paragraph data-size="sm">
                <time dateTime={e.occurredAt}>{instantText(e.occurredAt)}</time> · {who(e.actor)}
              </Paragraph>
              <Paragraph>{eventText(e.type, e.data)}</Paragraph>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

export function Letters({ caseId, version, reason }: { caseId: string; version: number; reason?: string }) {
  const letters = useQuery(`letters:${caseId}:${version}`, () => api.GET('/cases/{id}/letters', { params: { path: { id: caseId }, header: reasonHeader(reason) } }));
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState<LetterBody | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  const read = async (letterId: string) => {
    setFailed(undefined);
    const letter = await fetchLetter(caseId, letterId, reason);
    if (!letter) return setFailed(t('Kunne ikke hente brevet.'));
    setOpen(letter);
    dialog.current?.showModal();
  };
  const download = async (letterId: string, format: 'pdf' | 'html') => {
    setFailed(undefined);
    if (!(await downloadLetter(caseId, letterId, format, reason))) setFailed(t('Kunne ikke laste ned brevet.'));
  };
  return (
    <Section id="bk-letters" title={t('Brev')}>
      {letters.loading && !letters.data && <Loading label={t('Henter brev')} />}
      {letters.error !== undefined && <Failed error={letters.error} />}
      {failed && <ValidationMessage role="alert">{failed}</ValidationMessage>}
      {letters.data && letters.data.letters.length === 0 && <Paragraph>{t('Ingen brev er sendt ennå.')}</Paragraph>}
      {letters.data && letters.data.letters.length > 0 && (
        <ul className="bk-list">
          {letters.data.letters.map((l) => (
            <li key={l.id}>
              <Paragraph>
                <strong>{l.title}</strong> · {instantText(l.createdAt)}
                {l.delivery && (
                  <>
                    {' '}
                    <Tag data-color={deliveryTone(l.delivery.state)} data-size="sm">
                      {t(DELIVERY_STATE_TEXT[l.delivery.state])}
                    </Tag>
                  </>
                )}
              </Paragraph>
              <div className="bk-buttons">
                <Button variant="secondary" data-size="sm" onClick={() => void read(l.id)} aria-label={t('Les brevet {{title}}, {{when}}', { title: l.title, when: instantText(l.createdAt) })}>
                  {t('Les brevet')}
                </Button>
                <Button variant="tertiary" data-size="sm" onClick={() => void download(l.id, 'pdf')} aria-label={t('Last ned PDF av {{title}}, {{when}}', { title: l.title, when: instantText(l.createdAt) })}>
                  {t('Last ned PDF')}
                </Button>
                <Button variant="tertiary" data-size="sm" onClick={() => void download(l.id, 'html')} aria-label={t('Last ned HTML av {{title}}, {{when}}', { title: l.title, when: instantText(l.createdAt) })}>
                  {t('Last ned HTML')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Dialog ref={dialog} closeButton={t('Lukk brevet')} onClose={() => setOpen(undefined)} aria-label={open?.title ?? t('Brev')}>
        {open && <LetterText letter={open} />}
      </Dialog>
    </Section>
  );
}

export function Deadlines({ view }: { view: CaseView }) {
  return (
    <Section id="bk-deadlines" title={t('Frister')}>
      {view.deadlines.length === 0 ? (
        <Paragraph>{t('Ingen åpne frister.')}</Paragraph>
      ) : (
        <ul className="bk-list">
          {[...view.deadlines]
            .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
            .map((d) => (
              <li key={`${d.kind}:${d.since}`}>
                <Paragraph>
                  {deadlineText(d.kind)}: <time dateTime={d.dueAt}>{instantText(d.dueAt)}</time>
                  {Date.parse(d.dueAt) < Date.now() && (
                    <>
                      {' '}
                      <Tag data-color="danger">{t('Forfalt')}</Tag>
                    </>
                  )}
                </Paragraph>
              </li>
            ))}
        </ul>
      )}
    </Section>
  );
}

export function ComplaintList({ view, children }: { view: CaseView; children?: (complaint: CaseView['complaints'][number], name: string) => ReactNode }) {
  return (
    <Section id="bk-complaints" title={t('Klager')}>
      {view.complaints.length === 0 ? (
        <Paragraph>{t('Ingen klager.')}</Paragraph>
      ) : (
        <ul className="bk-list">
          {view.complaints.map((c, i) => {
            const name = t('klage {{n}} (mottatt {{date}})', { n: i + 1, date: dateText(c.receivedOn) });
            return (
              <li key={c.id}>
                <Heading level={3} data-size="xs">
                  {t('Klage {{n}}: {{about}}', { n: i + 1, about: textOf(COMPLAINT_ABOUT_TEXT, c.about) })}
                </Heading>
                <Paragraph>
                  {t('Mottatt {{date}}', { date: dateText(c.receivedOn) })} · {t('familien fikk vite om avgjørelsen {{date}}', { date: dateText(c.familyLearnedOn) })} ·{' '}
                  {t('status: {{status}}', { status: textOf(COMPLAINT_STATUS_TEXT, c.status) })}
                  {c.late && ` · ${t('kom etter klagefristen')}`}
                </Paragraph>
                {c.outcomes.map((o) => (
                  <Paragraph key={o.outcome} data-size="sm">
                    {textOf(COMPLAINT_OUTCOME_TEXT, o.outcome)} {dateText(o.on)}
                    {o.reasons ? `: ${o.reasons}` : ''}
                  </Paragraph>
                ))}
                {children?.(c, name)}
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}

export function MeetingList({ view, children }: { view: CaseView; children?: (meeting: CaseView['followUp']['meetings'][number]) => ReactNode }) {
  const meetings = [...view.followUp.meetings].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Section id="bk-meetings" title={t('Ansvarsgruppemøter')}>
      {view.followUp.ansvarsgruppe ? (
        <Paragraph>
          {t('Ansvarsgruppen ble opprettet {{when}} og møtes hver {{months}}. måned.', {
            when: instantText(view.followUp.ansvarsgruppe.establishedAt),
            months: view.followUp.ansvarsgruppe.intervalMonths,
          })}
        </Paragraph>
      ) : (
        <Paragraph>{t('Ingen ansvarsgruppe er opprettet.')}</Paragraph>
      )}
      {meetings.length > 0 && (
        <ul className="bk-list">
          {meetings.map((m) => (
            <li key={m.id}>
              <Heading level={3} data-size="xs">
                {t('Møte {{when}}', { when: instantText(m.at) })}
              </Heading>
              <Paragraph>
                {t('Status: {{status}}', { status: textOf(MEETING_STATUS_TEXT, m.status) })}
                {m.heldOn && ` · ${t('holdt {{date}}', { date: dateText(m.heldOn) })}`}
                {m.status === 'held' && ` · ${m.minutesOn ? t('referat skrevet {{date}}', { date: dateText(m.minutesOn) }) : t('referat mangler')}`}
              </Paragraph>
              {m.status === 'planned' && (
                <Paragraph>
                  <Link href={`/cases/${view.id}/meetings/${m.id}/invitation.ics`} download>
                    {t('Last ned møteinnkalling (kalenderfil) for møtet {{when}}', { when: instantText(m.at) })}
                  </Link>
                </Paragraph>
              )}
              {children?.(m)}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function TaskList({ view, children }: { view: CaseView; children?: (task: CaseView['tasks'][number]) => ReactNode }) {
  return (
    <Section id="bk-tasks" title={t('Oppgaver')}>
      {view.tasks.length === 0 ? (
        <Paragraph>{t('Ingen oppgaver.')}</Paragraph>
      ) : (
        <ul className="bk-list">
          {view.tasks.map((task) => (
            <li key={task.id}>
              <Paragraph>
                <strong>{textOf(TASK_TEXT, task.kind)}</strong> · {t('frist {{when}}', { when: instantText(task.dueAt) })} ·{' '}
                {task.doneOn ? t('utført {{date}}', { date: dateText(task.doneOn) }) : t('ikke utført')}
              </Paragraph>
              {!task.doneOn && children?.(task)}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function AccessLog({ caseId, version, reason }: { caseId: string; version: number; reason?: string }) {
  const log = useQuery(`access:${caseId}:${version}`, () => api.GET('/cases/{id}/access-log', { params: { path: { id: caseId }, header: reasonHeader(reason) } }));
  return (
    <Section id="bk-access-log" title={t('Tilgangslogg')}>
      <Paragraph data-size="sm">{t('Hvem som har lest eller endret saken. Familien kan be om å se denne loggen.')}</Paragraph>
      {log.loading && !log.data && <Loading label={t('Henter tilgangsloggen')} />}
      {log.error !== undefined && <Failed error={log.error} />}
      {log.data && (
        <Table zebra data-size="sm">
          <caption className="bk-visually-hidden">{t('Tilgangslogg')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('Tidspunkt')}</Table.HeaderCell>
              <Table.HeaderCell>{t('Hvem')}</Table.HeaderCell>
              <Table.HeaderCell>{t('Handling')}</Table.HeaderCell>
              <Table.HeaderCell>{t('Tilgang')}</Table.HeaderCell>
              <Table.HeaderCell>{t('Begrunnelse')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {[...log.data.entries].reverse().map((e, i) => (
              <Table.Row key={`${e.at}:${i}`}>
                <Table.Cell>{whenText(e.at)}</Table.Cell>
                <Table.Cell>{e.subject}</Table.Cell>
                <Table.Cell>
                  {e.action === 'read' ? t('Lest') : t('Endret')} ({e.method} {e.endpoint})
                </Table.Cell>
                <Table.Cell>{e.granted ? t('Gitt') : t('Avvist')}</Table.Cell>
                <Table.Cell>{e.reason ?? ''}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Section>
  );
}
