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
import { msg, t } from '../../i18n';
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
import { CLOSURE_REASON_TEXT, CONSENTER_ROLE_TEXT, CONSENT_SCOPE_TEXT, PLAN_STATUS_TEXT, STATUS_TEXT, ageOn, dateText, instantText, osloToday, textOf } from './labels';
import { outcomesFor } from './allowed';
import { AccessLog, ComplaintList, Deadlines, Letters, MeetingList, Section, TaskList, Timeline, andList } from './sections';
import { Contacts, addresseesOf } from './contacts';
import './case.css';

type Load = { kind: 'loading' } | { kind: 'ready'; view: CaseView } | { kind: 'not-found' } | { kind: 'needs-reason'; error?: string } | { kind: 'failed'; error: unknown };

/** The API's answer to a read of a closed case without a reason (api/plugins/auth.ts). */
const needsReason = (status: number, detail: string | undefined) => status === 400 && /x-access-reason/.test(detail ?? '') && /closed/.test(detail ?? '');

/** What the steps of the case's lifecycle add after their name. */
const STEP_STATE_TEXT = { current: msg('(nå)'), done: msg('(fullført)'), skipped: msg('(ikke nådd)') };

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
      if (status === 400 && withReason) return setLoad({ kind: 'needs-reason', error: t('Skriv 3 til 300 tegn: bokstaver, tall, mellomrom og vanlige skilletegn.') });
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
          {t('Sak')}
        </Heading>
        <Spinner aria-label={t('Henter saken')} data-size="md" />
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
          {t('Sak')}
        </Heading>
        <Alert data-color="danger">
          <Paragraph>
            {t('Kunne ikke hente saken.')} {problemText(load.error)}
          </Paragraph>
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
  usePageTitle(t('Avsluttet sak'));
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
    if (trimmed.length < 3) return setMessage(t('Skriv en begrunnelse på minst 3 tegn.'));
    if (trimmed.length > 300) return setMessage(t('Begrunnelsen kan være høyst 300 tegn.'));
    setMessage(undefined);
    onReason(trimmed.replace(/\s+/g, ' '));
  };
  return (
    <>
      <Heading level={1} data-size="lg">
        {t('Avsluttet sak')}
      </Heading>
      <Paragraph>{t('Saken er avsluttet. Du må oppgi hvorfor du trenger å åpne den. Begrunnelsen lagres i tilgangsloggen, som familien kan be om å se.')}</Paragraph>
      <form onSubmit={submit} noValidate className="bk-case-form" aria-label={t('Begrunnelse for å åpne saken')}>
        <Textfield
          ref={input as React.Ref<HTMLTextAreaElement>}
          multiline
          rows={3}
          label={t('Hvorfor åpner du en avsluttet sak?')}
          description={t('3 til 300 tegn')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={message}
        />
        <div>
          <Button type="submit">{t('Åpne saken')}</Button>
        </div>
      </form>
    </>
  );
}

function childLine(view: CaseView): string {
  const child = view.request.child;
  if (child.birthDate) return t('{{age}} år (født {{date}})', { age: ageOn(child.birthDate, osloToday()), date: dateText(child.birthDate) });
  return t('Ventet barn, termin {{date}}', { date: dateText(child.expectedDate ?? '') });
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
  usePageTitle(t('Sak: {{name}}', { name: view.request.child.name }));
  const [announcement, setAnnouncement] = useState('');
  const sendCommand = useCommandQueue();
  const context: CaseContextValue = useMemo(() => ({ view, onView, onStale, onRefresh, announce: setAnnouncement, sendCommand }), [view, onView, onStale, onRefresh, sendCommand]);
  const allowed = allowedActions(view, session.roles, osloToday());
  const can = (a: Action) => allowed.has(a);
  const coordinators = useQuery('coordinators', () => api.GET('/coordinators', { params: { query: { limit: 1000 } } }), { enabled: ke });
  const units = useQuery('units', () => api.GET('/units'), { enabled: ke });
  const nameOf = (coordinatorId: string | undefined) => {
    if (!coordinatorId) return undefined;
    if (coordinatorId === session.coordinatorId) return t('{{name}} (deg)', { name: session.name });
    return coordinators.data?.coordinators.find((c) => c.id === coordinatorId)?.name ?? t('Barnekoordinator i saken');
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
          <Paragraph>{t(STALE_TEXT)}</Paragraph>
        </Alert>
      )}
      {announcement && (
        <Alert data-color="success">
          <Paragraph>{announcement}</Paragraph>
        </Alert>
      )}

      <dl className="bk-facts" aria-label={t('Om saken')}>
        <div>
          <dt>{t('Barnet')}</dt>
          <dd>{childLine(view)}</dd>
        </div>
        <div>
          <dt>{t('Status')}</dt>
          <dd>
            <Tag data-color={view.status === 'closed' ? 'neutral' : view.status === 'refused' ? 'warning' : 'info'}>{textOf(STATUS_TEXT, view.status)}</Tag>
          </dd>
        </div>
        <div>
          <dt>{t('Barnekoordinator')}</dt>
          <dd>
            {view.appointment ? `${nameOf(view.appointment.coordinatorId)}${unitName(view.appointment.unitId) ? `, ${unitName(view.appointment.unitId)}` : ''}` : t('Ikke oppnevnt')}
          </dd>
        </div>
        {view.absence && (
          <div>
            <dt>{t('Stedfortreder')}</dt>
            <dd>
              {view.absence.substituteId ? nameOf(view.absence.substituteId) : t('Ingen')} (
              {view.absence.kind === 'departure'
                ? t('koordinatoren har sluttet fra {{date}}', { date: dateText(view.absence.from) })
                : t('koordinatoren har permisjon fra {{date}}', { date: dateText(view.absence.from) })}
              )
            </dd>
          </div>
        )}
        <div>
          <dt>{t('Neste frist')}</dt>
          <dd>{view.nextDeadline ? instantText(view.nextDeadline) : t('Ingen åpne frister')}</dd>
        </div>
        <div>
          <dt>{t('Henvendelse mottatt')}</dt>
          <dd>
            {dateText(view.request.receivedOn)} ({view.request.channel === 'oral' ? t('muntlig') : t('skriftlig')})
          </dd>
        </div>
        {view.extendedToAge && (
          <div>
            <dt>{t('Forlenget til')}</dt>
            <dd>{t('{{age}} år', { age: view.extendedToAge })}</dd>
          </div>
        )}
        {view.closure && (
          <div>
            <dt>{t('Avsluttet')}</dt>
            <dd>
              {dateText(view.closure.on)}: {textOf(CLOSURE_REASON_TEXT, view.closure.reason)}
              {view.closure.note ? ` (${view.closure.note})` : ''}
            </dd>
          </div>
        )}
      </dl>

      <nav aria-label={t('Sakens gang')} className="bk-steps">
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
                  {t(s.text)}
                  <span className="bk-steps__state">{state !== 'next' && ` ${t(STEP_STATE_TEXT[state])}`}</span>
                </span>
              </li>
            );
          })}
        </ol>
      </nav>

      <Section id="bk-actions" title={t('Det du kan gjøre nå')}>
        {allowed.size === 0 && <Paragraph>{view.status === 'closed' ? t('Saken er avsluttet og kan ikke endres.') : t('Det er ingenting du kan registrere i saken nå.')}</Paragraph>}
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
      <TaskList view={view}>{(task) => can('completeTask') && <TaskForm taskId={task.id} kind={task.kind} />}</TaskList>
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
        <Group title={t('Samtykke')} open={view.status === 'awaiting_consent'}>
          <ConsentForm />
        </Group>
      )}
      {kartlegging && (
        <Group title={t('Kartlegging')} open={view.status === 'kartlegging'}>
          <Paragraph>
            {k.scheduledAt ? t('Steg 1: planlagt {{when}}', { when: instantText(k.scheduledAt) }) : t('Steg 1: ikke planlagt')} ·{' '}
            {k.interview ? t('Steg 2: holdt {{date}}', { date: dateText(k.interview.heldOn) }) : t('Steg 2: ikke holdt')} ·{' '}
            {k.assessment ? t('Steg 3: vurdert') : t('Steg 3: ikke vurdert')}
          </Paragraph>
          {can('scheduleKartlegging') && (
            <>
              <Heading level={4} data-size="2xs">
                {t('Steg 1: Planlegg kartleggingssamtalen')}
              </Heading>
              <ScheduleKartleggingForm />
            </>
          )}
          <Heading level={4} data-size="2xs">
            {t('Steg 2: Registrer kartleggingssamtalen')}
          </Heading>
          <InterviewForm />
          <Heading level={4} data-size="2xs">
            {t('Steg 3: Vurder de tre vilkårene')}
          </Heading>
          <AssessmentForm />
        </Group>
      )}
      {can('recordDecision') && (
        <Group title={t('Skriftlig avgjørelse')}>
          <DecisionForm />
        </Group>
      )}
      {can('appoint') && (
        <Group title={t('Oppnevning')}>
          <AppointForm change={false} />
        </Group>
      )}
      {can('recordKickOff') && (
        <Group title={t('Oppstartsamtale')} open={!view.followUp.kickOffHeldOn}>
          {view.followUp.kickOffHeldOn && <Paragraph>{t('Registrert holdt {{date}}.', { date: dateText(view.followUp.kickOffHeldOn) })}</Paragraph>}
          <KickOffForm />
        </Group>
      )}
      {can('establishAnsvarsgruppe') && (
        <Group title={t('Ansvarsgruppe')}>
          <AnsvarsgruppeForm />
        </Group>
      )}
      {view.status === 'appointed' && !view.followUp.ansvarsgruppe && !hasConsent(view, 'information_sharing') && (
        <Paragraph>{t('Ansvarsgruppe kan ikke opprettes uten samtykke til deling av informasjon.')}</Paragraph>
      )}
      {can('planMeeting') && (
        <Group title={t('Planlegg ansvarsgruppemøte')} open={false}>
          <PlanMeetingForm />
        </Group>
      )}
      {can('setIndividualPlanStatus') && (
        <Group title={t('Individuell plan (nå: {{status}})', { status: textOf(PLAN_STATUS_TEXT, view.followUp.individualPlan.status).toLowerCase() })} open={false}>
          <IndividualPlanForm />
        </Group>
      )}
      {can('registerBirth') && (
        <Group title={t('Registrer fødsel')} open={false}>
          <BirthForm />
        </Group>
      )}
      {can('registerComplaint') && (
        <Group title={t('Registrer klage')} open={false}>
          <ComplaintForm />
        </Group>
      )}
      {can('reassign') && (
        <Group title={t('Bytt koordinator')} open={false}>
          <AppointForm change />
        </Group>
      )}
      {can('withdrawConsent') && (
        <Group title={t('Trekk tilbake samtykke')} open={false}>
          <WithdrawConsentForm />
        </Group>
      )}
      {can('extendCase') && view.status === 'appointed' && (
        <Group title={t('Forleng saken etter 18 år')} open={false}>
          <ExtendForm />
        </Group>
      )}
      {can('closeCase') && (
        <Group title={t('Avslutt saken')} open={false}>
          <CloseForm />
        </Group>
      )}
    </>
  );
}

type Interview = NonNullable<CaseView['kartlegging']['interview']>;

function childText(interview: Interview): string {
  if (interview.childParticipated) return t('Barnet deltok.');
  return interview.childAbsenceReason ? t('Barnet deltok ikke: {{reason}}', { reason: interview.childAbsenceReason }) : t('Barnet deltok ikke.');
}

const metText = (met: boolean) => (met ? t('oppfylt') : t('ikke oppfylt'));

/** What the case holds: consents, kartlegging, decisions. */
function FactsSection({ view }: { view: CaseView }) {
  const a = view.kartlegging.assessment;
  const interview = view.kartlegging.interview;
  const plan = view.followUp.individualPlan;
  const planStatus = textOf(PLAN_STATUS_TEXT, plan.status).toLowerCase();
  return (
    <Section id="bk-facts" title={t('Samtykke, kartlegging og avgjørelser')}>
      <Heading level={3} data-size="xs">
        {t('Samtykker')}
      </Heading>
      {view.consents.length === 0 ? (
        <Paragraph>{t('Ingen samtykker er registrert.')}</Paragraph>
      ) : (
        <ul className="bk-list">
          {view.consents.map((c) => (
            <li key={c.id}>
              <Paragraph>
                {c.givenBy} ({textOf(CONSENTER_ROLE_TEXT, c.role).toLowerCase()}), {dateText(c.givenOn)}: {andList(c.covers.map((s) => textOf(CONSENT_SCOPE_TEXT, s).toLowerCase()))}
                {c.withdrawn
                  .map((w) => ` · ${t('{{scope}} trukket tilbake {{date}} av {{name}}', { scope: textOf(CONSENT_SCOPE_TEXT, w.scope).toLowerCase(), date: dateText(w.on), name: w.by })}`)
                  .join('')}
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
      <Heading level={3} data-size="xs">
        {t('Kartlegging')}
      </Heading>
      <Paragraph>
        {interview
          ? `${t('Kartleggingssamtalen ble holdt {{date}} med {{participants}}.', { date: dateText(interview.heldOn), participants: interview.participants.join(', ') })} ${childText(interview)}`
          : t('Kartleggingssamtalen er ikke registrert.')}
      </Paragraph>
      {a && (
        <ul className="bk-list">
          <li>
            {t('a) Barn under 18 år eller ventet:')} {metText(a.childUnder18OrExpected.met)}. {a.childUnder18OrExpected.text}
          </li>
          <li>
            {t('b) Alvorlig sykdom, skade eller nedsatt funksjonsevne:')} {metText(a.seriousCondition.met)}. {a.seriousCondition.text}
          </li>
          <li>
            {t('c) Behov for langvarige og koordinerte tjenester:')} {metText(a.longTermCoordinatedNeeds.met)}. {a.longTermCoordinatedNeeds.text}
          </li>
        </ul>
      )}
      <Heading level={3} data-size="xs">
        {t('Avgjørelser')}
      </Heading>
      {view.decisions.length === 0 ? (
        <Paragraph>{t('Ingen avgjørelse ennå.')}</Paragraph>
      ) : (
        <ul className="bk-list">
          {view.decisions.map((d) => (
            <li key={d.letterId}>
              <Paragraph>
                {dateText(d.decidedOn)}: {d.outcome === 'granted' ? t('innvilget') : t('avslått')}
                {d.reasons ? `. ${d.reasons}` : ''}
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
      <Paragraph data-size="sm">
        {plan.lastEvaluatedOn
          ? t('Individuell plan: {{status}}, sist evaluert {{date}}.', { status: planStatus, date: dateText(plan.lastEvaluatedOn) })
          : t('Individuell plan: {{status}}.', { status: planStatus })}
      </Paragraph>
    </Section>
  );
}

