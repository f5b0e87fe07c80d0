/**
 * One case (/saker/:id): who the child is, where the case stands in its lifecycle, what the
 * person may do now (the command forms the case's rules and the role allow, allowed.ts), and what
 * has happened. A closed case is opened only with a stated reason, sent with every read of it; a
 * case the API does not show this person is "Fant ikke saken".
 */
import { Alert, Details, Heading, Paragraph, Spinner, Textfield, Button, Tag } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { api, problemText } from '../../api';
import { useQuery } from '../../hooks/useQuery';
import { caseRead, takePrefetched } from '../../prefetch';
import { usePageTitle } from '../../hooks/usePageTitle';
import { useSession } from '../../session';
import { NotFound } from '../NotFound';
import { STEPS, allowedActions, currentStep, hasConsent, reached, type Action, type CaseView } from './allowed';
import { CaseContext, STALE_TEXT, useCommandQueue, type CaseContextValue } from './command';
import {
  AnsvarsgruppeForm,
  AppointForm,
  AssessmentForm,
  BirthForm,
  CloseForm,
  ComplaintForm,
  ComplaintOutcomeForm,
  ConsentForm,
  DecisionForm,
  ExtendForm,
  IndividualPlanForm,
  InterviewForm,
  KickOffForm,
  MinutesForm,
  PlanMeetingForm,
  PlannedMeetingForms,
  ScheduleKartleggingForm,
  TaskForm,
  WithdrawConsentForm,
} from './forms';
import { CLOSURE_REASON_TEXT, CONSENTER_ROLE_TEXT, CONSENT_SCOPE_TEXT, PLAN_STATUS_TEXT, STATUS_TEXT, ageOn, dateText, instantText, osloToday } from './labels';
import { outcomesFor } from './allowed';
import { AccessLog, ComplaintList, Deadlines, Letters, MeetingList, Section, TaskList, Timeline } from './sections';
import { Contacts, addresseesOf } from './contacts';
import './case.css';

type Load = { kind: 'loading' } | { kind: 'ready'; view: CaseView } | { kind: 'not-found' } | { kind: 'needs-reason'; error?: string } | { kind: 'failed'; error: unknown };

/** The API's answer to a read of a closed case without a reason (api/plugins/auth.ts). */
const needsReason = (status: number, detail: string | undefined) => status === 400 && /x-access-reason/.test(detail ?? '') && /closed/.test(detail ?? '');

export function CasePage() {
  const { id = '' } = useParams();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [reason, setReason] = useState<string | undefined>();
  const [stale, setStale] = useState(false);

  const read = useCallback(
    async (withReason: string | undefined, first = false) => {
      const answer = (first ? await takePrefetched<Awaited<ReturnType<typeof caseRead>>>(`case:${id}`) : undefined) ?? (await caseRead(id, withReason));
      if (answer.data) return setLoad({ kind: 'ready', view: answer.data });
      const status = answer.response.status;
      const detail = answer.error?.detail;
      // A malformed id is no case either.
      if (status === 404 || (status === 400 && answer.error?.errors?.some((e) => e.field.startsWith('params')))) return setLoad({ kind: 'not-found' });
      if (needsReason(status, detail)) return setLoad({ kind: 'needs-reason' });
      if (status === 400 && withReason) return setLoad({ kind: 'needs-reason', error: 'Skriv 3 til 300 tegn: bokstaver, tall, mellomrom og vanlige skilletegn.' });
      setLoad({ kind: 'failed', error: answer.error });
    },
    [id],
  );

  useEffect(() => {
    setLoad({ kind: 'loading' });
    setReason(undefined);
    void read(undefined, true);
  }, [id, read]);

  if (load.kind === 'loading') {
    return (
      <>
        <Heading level={1} data-size="lg">
          Sak
        </Heading>
        <Spinner aria-label="Henter saken" data-size="md" />
      </>
    );
  }
  if (load.kind === 'not-found') return <NotFound what="case" />;
  if (load.kind === 'needs-reason') {
    return (
      <ReasonForm
        error={load.error}
        onReason={(r) => {
          setReason(r);
          void read(r);
        }}
      />
    );
  }
  if (load.kind === 'failed') {
    return (
      <>
        <Heading level={1} data-size="lg">
          Sak
        </Heading>
        <Alert data-color="danger">
          <Paragraph>Kunne ikke hente saken. {problemText(load.error)}</Paragraph>
        </Alert>
      </>
    );
  }
  return (
    <CaseScreen
      key={load.view.id}
      view={load.view}
      reason={reason}
      stale={stale}
      onView={(view) => {
        setStale(false);
        setLoad({ kind: 'ready', view });
      }}
      onStale={async () => {
        await read(reason);
        setStale(true);
      }}
      onRefresh={() => read(reason)}
    />
  );
}

function ReasonForm({ onReason, error }: { onReason(reason: string): void; error?: string }) {
  usePageTitle('Avsluttet sak');
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | undefined>(error);
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => setMessage(error), [error]);
  useEffect(() => {
    if (message) input.current?.focus();
  }, [message]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = text.trim();
    if (trimmed.length < 3) return setMessage('Skriv en begrunnelse på minst 3 tegn.');
    if (trimmed.length > 300) return setMessage('Begrunnelsen kan være høyst 300 tegn.');
    setMessage(undefined);
    onReason(trimmed.replace(/\s+/g, ' '));
  };
  return (
    <>
      <Heading level={1} data-size="lg">
        Avsluttet sak
      </Heading>
      <Paragraph>Saken er avsluttet. Du må oppgi hvorfor du trenger å åpne den. Begrunnelsen lagres i tilgangsloggen, som familien kan be om å se.</Paragraph>
      <form onSubmit={submit} noValidate className="bk-case-form" aria-label="Begrunnelse for å åpne saken">
        <Textfield
          ref={input as React.Ref<HTMLTextAreaElement>}
          multiline
          rows={3}
          label="Hvorfor åpner du en avsluttet sak?"
          description="3 til 300 tegn"
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={message}
        />
        <div>
          <Button type="submit">Åpne saken</Button>
        </div>
      </form>
    </>
  );
}

function childLine(view: CaseView): string {
  const child = view.request.child;
  if (child.birthDate) return `${ageOn(child.birthDate, osloToday())} år (født ${dateText(child.birthDate)})`;
  return `Ventet barn, termin ${dateText(child.expectedDate ?? '')}`;
}

function CaseScreen({
  view,
  reason,
  stale,
  onView,
  onStale,
  onRefresh,
}: {
  view: CaseView;
  reason?: string;
  stale: boolean;
  onView(view: CaseView): void;
  onStale(): Promise<void>;
  onRefresh(): Promise<void>;
}) {
  const { session, hasRole } = useSession();
  const ke = hasRole('ke');
  usePageTitle(`Sak: ${view.request.child.name}`);
  const [announcement, setAnnouncement] = useState('');
  const sendCommand = useCommandQueue();
  const context: CaseContextValue = useMemo(() => ({ view, onView, onStale, onRefresh, announce: setAnnouncement, sendCommand }), [view, onView, onStale, onRefresh, sendCommand]);
  const allowed = allowedActions(view, session.roles, osloToday());
  const can = (a: Action) => allowed.has(a);
  const coordinators = useQuery('coordinators', () => api.GET('/coordinators', { params: { query: { limit: 1000 } } }), { enabled: ke });
  const units = useQuery('units', () => api.GET('/units'), { enabled: ke });
  const nameOf = (coordinatorId: string | undefined) => {
    if (!coordinatorId) return undefined;
    if (coordinatorId === session.coordinatorId) return `${session.name} (deg)`;
    return coordinators.data?.coordinators.find((c) => c.id === coordinatorId)?.name ?? 'Barnekoordinator i saken';
  };
  const unitName = (unitId: string | undefined) => units.data?.units.find((u) => u.id === unitId)?.name;
  const step = currentStep(view.status);
  const stepIndex = STEPS.findIndex((s) => s.step === step);

  return (
    <CaseContext.Provider value={context}>
      <Heading level={1} data-size="lg">
        {view.request.child.name}
      </Heading>
      <div aria-live="polite" className="bk-visually-hidden">
        {announcement}
      </div>
      {stale && (
        <Alert data-color="warning" role="alert">
          <Paragraph>{STALE_TEXT}</Paragraph>
        </Alert>
      )}
      {announcement && (
        <Alert data-color="success">
          <Paragraph>{announcement}</Paragraph>
        </Alert>
      )}

      <dl className="bk-facts" aria-label="Om saken">
        <div>
          <dt>Barnet</dt>
          <dd>{childLine(view)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <Tag data-color={view.status === 'closed' ? 'neutral' : view.status === 'refused' ? 'warning' : 'info'}>{STATUS_TEXT[view.status]}</Tag>
          </dd>
        </div>
        <div>
          <dt>Barnekoordinator</dt>
          <dd>
            {view.appointment ? `${nameOf(view.appointment.coordinatorId)}${unitName(view.appointment.unitId) ? `, ${unitName(view.appointment.unitId)}` : ''}` : 'Ikke oppnevnt'}
          </dd>
        </div>
        {view.absence && (
          <div>
            <dt>Stedfortreder</dt>
            <dd>
              {view.absence.substituteId ? nameOf(view.absence.substituteId) : 'Ingen'} ({view.absence.kind === 'departure' ? 'koordinatoren har sluttet' : 'koordinatoren har permisjon'} fra{' '}
              {dateText(view.absence.from)})
            </dd>
          </div>
        )}
        <div>
          <dt>Neste frist</dt>
          <dd>{view.nextDeadline ? instantText(view.nextDeadline) : 'Ingen åpne frister'}</dd>
        </div>
        <div>
          <dt>Henvendelse mottatt</dt>
          <dd>
            {dateText(view.request.receivedOn)} ({view.request.channel === 'oral' ? 'muntlig' : 'skriftlig'})
          </dd>
        </div>
        {view.extendedToAge && (
          <div>
            <dt>Forlenget til</dt>
            <dd>{view.extendedToAge} år</dd>
          </div>
        )}
        {view.closure && (
          <div>
            <dt>Avsluttet</dt>
            <dd>
              {dateText(view.closure.on)}: {CLOSURE_REASON_TEXT[view.closure.reason]}
              {view.closure.note ? ` (${view.closure.note})` : ''}
            </dd>
          </div>
        )}
      </dl>

      <nav aria-label="Sakens gang" className="bk-steps">
        <ol>
          {STEPS.map((s, i) => {
            // Before the current step: done, except for a closed case the steps it never reached.
            const state = i === stepIndex ? 'current' : i > stepIndex ? 'next' : view.status !== 'closed' || reached(view, s.step) ? 'done' : 'skipped';
            return (
              <li key={s.step} className={`bk-steps__${state}`} aria-current={state === 'current' ? 'step' : undefined}>
                <span className="bk-steps__number" aria-hidden="true">
                  {i + 1}
                </span>
                <span>
                  {s.text}
                  <span className="bk-steps__state">{{ current: ' (nå)', done: ' (fullført)', skipped: ' (ikke nådd)', next: '' }[state]}</span>
                </span>
              </li>
            );
          })}
        </ol>
      </nav>

      <Section id="bk-actions" title="Det du kan gjøre nå">
        {allowed.size === 0 && <Paragraph>{view.status === 'closed' ? 'Saken er avsluttet og kan ikke endres.' : 'Det er ingenting du kan registrere i saken nå.'}</Paragraph>}
        <Actions view={view} can={can} />
      </Section>

      <FactsSection view={view} />
      <Deadlines view={view} />
      <MeetingList view={view}>
        {(m) =>
          (m.status === 'planned' && can('meetingActions') && <PlannedMeetingForms meetingId={m.id} at={m.at} />) ||
          (m.status === 'held' && !m.minutesOn && can('recordMinutes') && <MinutesForm meetingId={m.id} heldOn={m.heldOn} />)
        }
      </MeetingList>
      <ComplaintList view={view}>
        {(c, name) => outcomesFor(c.status).length > 0 && can('recordComplaintOutcome') && <ComplaintOutcomeForm complaintId={c.id} status={c.status} name={name} />}
      </ComplaintList>
      <TaskList view={view}>{(t) => can('completeTask') && <TaskForm taskId={t.id} kind={t.kind} />}</TaskList>
      <Letters caseId={view.id} version={view.version} reason={reason} />
      {ke && view.status !== 'closed' && <Contacts caseId={view.id} addressees={addresseesOf(view)} reason={reason} />}
      <Timeline caseId={view.id} version={view.version} reason={reason} />
      {ke && <AccessLog caseId={view.id} version={view.version} reason={reason} />}
    </CaseContext.Provider>
  );
}

function Group({ title, children, open = true }: { title: string; children: ReactNode; open?: boolean }) {
  if (open) {
    return (
      <div className="bk-case-group">
        <Heading level={3} data-size="xs">
          {title}
        </Heading>
        {children}
      </div>
    );
  }
  return (
    <Details>
      <Details.Summary>{title}</Details.Summary>
      <Details.Content>{children}</Details.Content>
    </Details>
  );
}

/** The forms of what may be done now, the next step of the case first. */
function Actions({ view, can }: { view: CaseView; can(a: Action): boolean }) {
  const kartlegging = can('scheduleKartlegging') || can('recordInterview') || can('recordAssessment');
  const k = view.kartlegging;
  return (
    <>
      {can('recordConsent') && (
        <Group title="Samtykke" open={view.status === 'awaiting_consent'}>
          <ConsentForm />
        </Group>
      )}
      {kartlegging && (
        <Group title="Kartlegging" open={view.status === 'kartlegging'}>
          <Paragraph>
            Steg 1: {k.scheduledAt ? `planlagt ${instantText(k.scheduledAt)}` : 'ikke planlagt'} · Steg 2: {k.interview ? `holdt ${dateText(k.interview.heldOn)}` : 'ikke holdt'} · Steg 3:{' '}
            {k.assessment ? 'vurdert' : 'ikke vurdert'}
          </Paragraph>
          {can('scheduleKartlegging') && (
            <>
              <Heading level={4} data-size="2xs">
                Steg 1: Planlegg kartleggingssamtalen
              </Heading>
              <ScheduleKartleggingForm />
            </>
          )}
          <Heading level={4} data-size="2xs">
            Steg 2: Registrer kartleggingssamtalen
          </Heading>
          <InterviewForm />
          <Heading level={4} data-size="2xs">
            Steg 3: Vurder de tre vilkårene
          </Heading>
          <AssessmentForm />
        </Group>
      )}
      {can('recordDecision') && (
        <Group title="Skriftlig avgjørelse">
          <DecisionForm />
        </Group>
      )}
      {can('appoint') && (
        <Group title="Oppnevning">
          <AppointForm change={false} />
        </Group>
      )}
      {can('recordKickOff') && (
        <Group title="Oppstartsamtale" open={!view.followUp.kickOffHeldOn}>
          {view.followUp.kickOffHeldOn && <Paragraph>Registrert holdt {dateText(view.followUp.kickOffHeldOn)}.</Paragraph>}
          <KickOffForm />
        </Group>
      )}
      {can('establishAnsvarsgruppe') && (
        <Group title="Ansvarsgruppe">
          <AnsvarsgruppeForm />
        </Group>
      )}
      {view.status === 'appointed' && !view.followUp.ansvarsgruppe && !hasConsent(view, 'information_sharing') && (
        <Paragraph>Ansvarsgruppe kan ikke opprettes uten samtykke til deling av informasjon.</Paragraph>
      )}
      {can('planMeeting') && (
        <Group title="Planlegg ansvarsgruppemøte" open={false}>
          <PlanMeetingForm />
        </Group>
      )}
      {can('setIndividualPlanStatus') && (
        <Group title={`Individuell plan (nå: ${PLAN_STATUS_TEXT[view.followUp.individualPlan.status].toLowerCase()})`} open={false}>
          <IndividualPlanForm />
        </Group>
      )}
      {can('registerBirth') && (
        <Group title="Registrer fødsel" open={false}>
          <BirthForm />
        </Group>
      )}
      {can('registerComplaint') && (
        <Group title="Registrer klage" open={false}>
          <ComplaintForm />
        </Group>
      )}
      {can('reassign') && (
        <Group title="Bytt koordinator" open={false}>
          <AppointForm change />
        </Group>
      )}
      {can('withdrawConsent') && (
        <Group title="Trekk tilbake samtykke" open={false}>
          <WithdrawConsentForm />
        </Group>
      )}
      {can('extendCase') && view.status === 'appointed' && (
        <Group title="Forleng saken etter 18 år" open={false}>
          <ExtendForm />
        </Group>
      )}
      {can('closeCase') && (
        <Group title="Avslutt saken" open={false}>
          <CloseForm />
        </Group>
      )}
    </>
  );
}

/** What the case holds: consents, kartlegging, decisions. */
function FactsSection({ view }: { view: CaseView }) {
  const a = view.kartlegging.assessment;
  return (
    <Section id="bk-facts" title="Samtykke, kartlegging og avgjørelser">
      <Heading level={3} data-size="xs">
        Samtykker
      </Heading>
      {view.consents.length === 0 ? (
        <Paragraph>Ingen samtykker er registrert.</Paragraph>
      ) : (
        <ul className="bk-list">
          {view.consents.map((c) => (
            <li key={c.id}>
              <Paragraph>
                {c.givenBy} ({CONSENTER_ROLE_TEXT[c.role].toLowerCase()}), {dateText(c.givenOn)}: {c.covers.map((s) => CONSENT_SCOPE_TEXT[s].toLowerCase()).join(' og ')}
                {c.withdrawn.map((w) => ` · ${CONSENT_SCOPE_TEXT[w.scope].toLowerCase()} trukket tilbake ${dateText(w.on)} av ${w.by}`).join('')}
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
      <Heading level={3} data-size="xs">
        Kartlegging
      </Heading>
      <Paragraph>
        {view.kartlegging.interview
          ? `Kartleggingssamtalen ble holdt ${dateText(view.kartlegging.interview.heldOn)} med ${view.kartlegging.interview.participants.join(', ')}. ${
              view.kartlegging.interview.childParticipated ? 'Barnet deltok.' : `Barnet deltok ikke${view.kartlegging.interview.childAbsenceReason ? `: ${view.kartlegging.interview.childAbsenceReason}` : '.'}`
            }`
          : 'Kartleggingssamtalen er ikke registrert.'}
      </Paragraph>
      {a && (
        <ul className="bk-list">
          <li>a) Barn under 18 år eller ventet: {a.childUnder18OrExpected.met ? 'oppfylt' : 'ikke oppfylt'}. {a.childUnder18OrExpected.text}</li>
          <li>b) Alvorlig sykdom, skade eller nedsatt funksjonsevne: {a.seriousCondition.met ? 'oppfylt' : 'ikke oppfylt'}. {a.seriousCondition.text}</li>
          <li>c) Behov for langvarige og koordinerte tjenester: {a.longTermCoordinatedNeeds.met ? 'oppfylt' : 'ikke oppfylt'}. {a.longTermCoordinatedNeeds.text}</li>
        </ul>
      )}
      <Heading level={3} data-size="xs">
        Avgjørelser
      </Heading>
      {view.decisions.length === 0 ? (
        <Paragraph>Ingen avgjørelse ennå.</Paragraph>
      ) : (
        <ul className="bk-list">
          {view.decisions.map((d) => (
            <li key={d.letterId}>
              <Paragraph>
                {dateText(d.decidedOn)}: {d.outcome === 'granted' ? 'innvilget' : 'avslått'}
                {d.reasons ? `. ${d.reasons}` : ''}
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
      <Paragraph data-size="sm">
        Individuell plan: {PLAN_STATUS_TEXT[view.followUp.individualPlan.status].toLowerCase()}
        {view.followUp.individualPlan.lastEvaluatedOn ? `, sist evaluert ${dateText(view.followUp.individualPlan.lastEvaluatedOn)}` : ''}.
      </Paragraph>
    </Section>
  );
}

