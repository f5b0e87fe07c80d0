/** The read-only sections of the case page: timeline, letters, deadlines, complaints, meetings, tasks and the access log. */
import { Button, Dialog, Heading, Link, Paragraph, Spinner, Table, Tag, ValidationMessage } from '@digdir/designsystemet-react';
import { useRef, useState, type ReactNode } from 'react';
import { api, problemText } from '../../api';
import { useQuery } from '../../hooks/useQuery';
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

/** What an event of the case says, in Norwegian. */
export function eventText(type: string, data: Data): string {
  switch (type) {
    case 'RequestRegistered':
      return `Henvendelsen ble registrert (${data.channel === 'oral' ? 'muntlig' : 'skriftlig'}, mottatt ${dateText(str(data.receivedOn))})`;
    case 'ConsentRecorded':
      return `Samtykke registrert (${((data.covers as string[]) ?? []).map((s) => (CONSENT_SCOPE_TEXT as Record<string, string>)[s]?.toLowerCase() ?? s).join(' og ')})`;
    case 'ConsentWithdrawn':
      return `Samtykke trukket tilbake (${((data.scopes as string[]) ?? []).map((s) => (CONSENT_SCOPE_TEXT as Record<string, string>)[s]?.toLowerCase() ?? s).join(' og ')})`;
    case 'KartleggingScheduled':
      return `Kartleggingssamtale planlagt til ${instantText(str(data.scheduledAt))}`;
    case 'KartleggingHeld':
      return `Kartleggingssamtale holdt ${dateText(str(data.heldOn))}${data.childParticipated ? ', barnet deltok' : ''}`;
    case 'AssessmentRecorded':
      return 'Vilkårene er vurdert';
    case 'DecisionRecorded':
      return `Avgjørelse: ${data.outcome === 'granted' ? 'innvilget' : 'avslått'} (${dateText(str(data.decidedOn))})`;
    case 'ComplaintReceived':
      return `Klage mottatt ${dateText(str(data.receivedOn))}${data.late ? ' (etter fristen)' : ''}`;
    case 'ComplaintOutcomeRecorded':
      return `Utfall av klage: ${(COMPLAINT_OUTCOME_TEXT as Record<string, string>)[str(data.outcome)]?.toLowerCase() ?? str(data.outcome)}`;
    case 'CoordinatorAppointed':
      return 'Barnekoordinator oppnevnt';
    case 'CoordinatorChanged':
      return 'Koordinator byttet';
    case 'KickOffHeld':
      return `Oppstartsamtale holdt ${dateText(str(data.heldOn))}`;
    case 'AnsvarsgruppeEstablished':
      return `Ansvarsgruppe opprettet, møter hver ${String(data.intervalMonths)}. måned`;
    case 'MeetingPlanned':
      return `Ansvarsgruppemøte planlagt til ${instantText(str(data.at))}`;
    case 'MeetingMoved':
      return `Ansvarsgruppemøte flyttet til ${instantText(str(data.to))}`;
    case 'MeetingCancelled':
      return 'Ansvarsgruppemøte avlyst';
    case 'MeetingHeld':
      return `Ansvarsgruppemøte holdt ${dateText(str(data.heldOn))}`;
    case 'MinutesRecorded':
      return `Referat skrevet ${dateText(str(data.writtenOn))}`;
    case 'IndividualPlanStatusSet':
      return `Individuell plan: ${(PLAN_STATUS_TEXT as Record<string, string>)[str(data.status)]?.toLowerCase() ?? str(data.status)}`;
    case 'BirthRegistered':
      return 'Fødsel registrert';
    case 'CoordinatorAbsent':
      return data.kind === 'departure' ? 'Koordinatoren har sluttet' : 'Koordinatoren har permisjon';
    case 'LeaveEnded':
      return 'Koordinatorens permisjon er over';
    case 'TaskCompleted':
      return `Oppgave utført: ${TASK_TEXT[str(data.kind)] ?? str(data.kind)}`;
    case 'CaseExtended':
      return `Saken forlenget til ${String(data.toAge)} år`;
    case 'CaseClosed':
      return `Saken avsluttet: ${(CLOSURE_REASON_TEXT as Record<string, string>)[str(data.reason)]?.toLowerCase() ?? str(data.reason)}`;
    default:
      return type;
  }
}

function Loading({ what }: { what: string }) {
  return <Spinner aria-label={`Henter ${what}`} data-size="sm" />;
}

function Failed({ error }: { error: unknown }) {
  return <ValidationMessage>{problemText(error)}</ValidationMessage>;
}

export function Timeline({ caseId, version, reason }: { caseId: string; version: number; reason?: string }) {
  const { session } = useSession();
  const events = useQuery(`events:${caseId}:${version}`, () => api.GET('/cases/{id}/events', { params: { path: { id: caseId }, header: reasonHeader(reason) } }));
  const who = (actor: string) => (actor === 'system' ? 'Systemet' : actor === session.subject ? 'Deg' : actor);
  return (
    <Section id="bk-timeline" title="Hendelser">
      {events.loading && !events.data && <Loading what="hendelser" />}
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
    if (!letter) return setFailed('Kunne ikke hente brevet.');
    setOpen(letter);
    dialog.current?.showModal();
  };
  const download = async (letterId: string, format: 'pdf' | 'html') => {
    setFailed(undefined);
    if (!(await downloadLetter(caseId, letterId, format, reason))) setFailed('Kunne ikke laste ned brevet.');
  };
  return (
    <Section id="bk-letters" title="Brev">
      {letters.loading && !letters.data && <Loading what="brev" />}
      {letters.error !== undefined && <Failed error={letters.error} />}
      {failed && <ValidationMessage role="alert">{failed}</ValidationMessage>}
      {letters.data && letters.data.letters.length === 0 && <Paragraph>Ingen brev er sendt ennå.</Paragraph>}
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
                      {DELIVERY_STATE_TEXT[l.delivery.state]}
                    </Tag>
                  </>
                )}
              </Paragraph>
              <div className="bk-buttons">
                <Button variant="secondary" data-size="sm" onClick={() => void read(l.id)} aria-label={`Les brevet ${l.title}, ${instantText(l.createdAt)}`}>
                  Les brevet
                </Button>
                <Button variant="tertiary" data-size="sm" onClick={() => void download(l.id, 'pdf')} aria-label={`Last ned PDF av ${l.title}, ${instantText(l.createdAt)}`}>
                  Last ned PDF
                </Button>
                <Button variant="tertiary" data-size="sm" onClick={() => void download(l.id, 'html')} aria-label={`Last ned HTML av ${l.title}, ${instantText(l.createdAt)}`}>
                  Last ned HTML
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Dialog ref={dialog} closeButton="Lukk brevet" onClose={() => setOpen(undefined)} aria-label={open?.title ?? 'Brev'}>
        {open && <LetterText letter={open} />}
      </Dialog>
    </Section>
  );
}

export function Deadlines({ view }: { view: CaseView }) {
  return (
    <Section id="bk-deadlines" title="Frister">
      {view.deadlines.length === 0 ? (
        <Paragraph>Ingen åpne frister.</Paragraph>
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
                      <Tag data-color="danger">Forfalt</Tag>
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
    <Section id="bk-complaints" title="Klager">
      {view.complaints.length === 0 ? (
        <Paragraph>Ingen klager.</Paragraph>
      ) : (
        <ul className="bk-list">
          {view.complaints.map((c, i) => {
            const name = `klage ${i + 1} (mottatt ${dateText(c.receivedOn)})`;
            return (
              <li key={c.id}>
                <Heading level={3} data-size="xs">
                  Klage {i + 1}: {COMPLAINT_ABOUT_TEXT[c.about]}
                </Heading>
                <Paragraph>
                  Mottatt {dateText(c.receivedOn)} · familien fikk vite om avgjørelsen {dateText(c.familyLearnedOn)} · status: {COMPLAINT_STATUS_TEXT[c.status] ?? c.status}
                  {c.late && ' · kom etter klagefristen'}
                </Paragraph>
                {c.outcomes.map((o) => (
                  <Paragraph key={o.outcome} data-size="sm">
                    {COMPLAINT_OUTCOME_TEXT[o.outcome]} {dateText(o.on)}
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
    <Section id="bk-meetings" title="Ansvarsgruppemøter">
      {view.followUp.ansvarsgruppe ? (
        <Paragraph>
          Ansvarsgruppen ble opprettet {instantText(view.followUp.ansvarsgruppe.establishedAt)} og møtes hver {view.followUp.ansvarsgruppe.intervalMonths}. måned.
        </Paragraph>
      ) : (
        <Paragraph>Ingen ansvarsgruppe er opprettet.</Paragraph>
      )}
      {meetings.length > 0 && (
        <ul className="bk-list">
          {meetings.map((m) => (
            <li key={m.id}>
              <Heading level={3} data-size="xs">
                Møte {instantText(m.at)}
              </Heading>
              <Paragraph>
                Status: {MEETING_STATUS_TEXT[m.status] ?? m.status}
                {m.heldOn && ` · holdt ${dateText(m.heldOn)}`}
                {m.status === 'held' && (m.minutesOn ? ` · referat skrevet ${dateText(m.minutesOn)}` : ' · referat mangler')}
              </Paragraph>
              {m.status === 'planned' && (
                <Paragraph>
                  <Link href={`/cases/${view.id}/meetings/${m.id}/invitation.ics`} download>
                    Last ned møteinnkalling (kalenderfil) for møtet {instantText(m.at)}
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
    <Section id="bk-tasks" title="Oppgaver">
      {view.tasks.length === 0 ? (
        <Paragraph>Ingen oppgaver.</Paragraph>
      ) : (
        <ul className="bk-list">
          {view.tasks.map((t) => (
            <li key={t.id}>
              <Paragraph>
                <strong>{TASK_TEXT[t.kind] ?? t.kind}</strong> · frist {instantText(t.dueAt)} · {t.doneOn ? `utført ${dateText(t.doneOn)}` : 'ikke utført'}
              </Paragraph>
              {!t.doneOn && children?.(t)}
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
    <Section id="bk-access-log" title="Tilgangslogg">
      <Paragraph data-size="sm">Hvem som har lest eller endret saken. Familien kan be om å se denne loggen.</Paragraph>
      {log.loading && !log.data && <Loading what="tilgangsloggen" />}
      {log.error !== undefined && <Failed error={log.error} />}
      {log.data && (
        <Table zebra data-size="sm">
          <caption className="bk-visually-hidden">Tilgangslogg</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Tidspunkt</Table.HeaderCell>
              <Table.HeaderCell>Hvem</Table.HeaderCell>
              <Table.HeaderCell>Handling</Table.HeaderCell>
              <Table.HeaderCell>Tilgang</Table.HeaderCell>
              <Table.HeaderCell>Begrunnelse</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {[...log.data.entries].reverse().map((e, i) => (
              <Table.Row key={`${e.at}:${i}`}>
                <Table.Cell>{whenText(e.at)}</Table.Cell>
                <Table.Cell>{e.subject}</Table.Cell>
                <Table.Cell>
                  {e.action === 'read' ? 'Lest' : 'Endret'} ({e.method} {e.endpoint})
                </Table.Cell>
                <Table.Cell>{e.granted ? 'Gitt' : 'Avvist'}</Table.Cell>
                <Table.Cell>{e.reason ?? ''}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Section>
  );
}
