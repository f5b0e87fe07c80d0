/**
 * The command forms of the case page, one per command (api/routes/commands.ts). Each posts its
 * command through the typed client with If-Match (command.tsx) and keeps what was typed when the
 * case refuses it.
 */
import { Button, Checkbox, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api } from '../../api';
import { useQuery } from '../../hooks/useQuery';
import { msg, t } from '../../i18n';
import { PLAN_FROM, allConditionsMet, outcomesFor } from './allowed';
import { CommandFormView, fieldError, instantOf, localOf, useCase, useCommandForm } from './command';
import { CheckboxGroup, DateField, DateTimeField, RadioGroup, SelectField, type Option } from './fields';
import {
  ALTERNATIVE_TEXT,
  CLOSURE_REASON_TEXT,
  COMPLAINT_ABOUT_TEXT,
  COMPLAINT_OUTCOME_TEXT,
  CONSENTER_ROLE_TEXT,
  CONSENT_SCOPE_TEXT,
  PLAN_STATUS_TEXT,
  TASK_TEXT,
  ageOn,
  instantText,
  osloToday,
} from './labels';
import { LetterText, type LetterBody } from './letter';

type Scope = 'appointment' | 'information_sharing';
/** The scopes of a consent, in the person's målform (called while rendering). */
const scopeOptions = (): Option<Scope>[] => [
  { value: 'appointment', label: t(CONSENT_SCOPE_TEXT.appointment) },
  { value: 'information_sharing', label: t(CONSENT_SCOPE_TEXT.information_sharing) },
];

/** The options of a record of texts (labels.ts), in the person's målform (called while rendering). */
const optionsOf = <T extends string>(texts: Record<T, string>, only?: readonly T[]): Option<T>[] =>
  (only ?? (Object.keys(texts) as T[])).map((value) => ({ value, label: t(texts[value]) }));

// ---- Consent. ----

/** From this age the young person consents personally (pbrl § 4-3); a parent or guardian only with KE's reasons why they cannot. */
export const OWN_CONSENT_AGE = 16;

export function ConsentForm() {
  const { view } = useCase();
  const form = useCommandForm();
  const [givenBy, setGivenBy] = useState('');
  const [role, setRole] = useState<'parent' | 'guardian' | 'young_person' | ''>('');
  const [covers, setCovers] = useState<Scope[]>(['appointment', 'information_sharing']);
  const [givenOn, setGivenOn] = useState(osloToday());
  const [addAsConsenter, setAddAsConsenter] = useState(false);
  const [lacksCompetence, setLacksCompetence] = useState('');
  const [copyToParents, setCopyToParents] = useState(false);
  const consenters = view.request.consenters.map((c) => c.name);
  const birthDate = view.request.child.birthDate;
  // Asked only where it can apply: a parent's or guardian's consent for a young person of 16 or more.
  const youngPerson = birthDate !== undefined && ageOn(birthDate, givenOn || osloToday()) >= OWN_CONSENT_AGE;
  const asksCompetence = youngPerson && role !== 'young_person';
  const submit = () => {
    if (!role) return form.fail({ role: t('Velg hvem som samtykker') });
    const body = {
      givenBy,
      role,
      covers,
      givenOn,
      ...(addAsConsenter ? { addAsConsenter: true } : {}),
      ...(asksCompetence && lacksCompetence.trim() ? { youngPersonLacksCompetence: lacksCompetence } : {}),
      ...(role === 'young_person' && copyToParents ? { copyLettersToParents: true } : {}),
    };
    void form.submit((header) => api.POST('/cases/{id}/consents', { params: { path: { id: view.id }, header }, body }), t('Samtykket er registrert.')).then((ok) => {
      if (!ok) return;
      setGivenBy('');
      setAddAsConsenter(false);
      setLacksCompetence('');
      setCopyToParents(false);
    });
  };
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={t('Registrer samtykke')} label={t('Registrer samtykke')}>
      <Textfield
        label={t('Samtykket er gitt av')}
        description={consenters.length > 0 ? t('Navn. Samtykkere i henvendelsen: {{names}}', { names: consenters.join(', ') }) : t('Navn')}
        value={givenBy}
        onChange={(e) => setGivenBy(e.target.value)}
        error={fieldError(form, 'givenBy')}
      />
      <Checkbox
        label={t('Legg personen til blant samtykkegiverne i saken')}
        description={t('Når den som samtykker ikke står i henvendelsen, for eksempel en ny verge.')}
        checked={addAsConsenter}
        onChange={(e) => setAddAsConsenter(e.target.checked)}
        error={fieldError(form, 'addAsConsenter')}
      />
      <RadioGroup legend={t('Hvem samtykker')} options={optionsOf(CONSENTER_ROLE_TEXT)} value={role} onChange={setRole} error={fieldError(form, 'role')} />
      <CheckboxGroup legend={t('Samtykket gjelder')} options={scopeOptions()} value={covers} onChange={setCovers} error={fieldError(form, 'covers')} />
      <DateField label={t('Dato samtykket ble gitt')} value={givenOn} onChange={setGivenOn} error={fieldError(form, 'givenOn')} />
      {role === 'young_person' && (
        <Checkbox
          label={t('Foreldrene skal få kopi av brevene')}
          description={t('Fra 16 år går brevene til ungdommen. Foreldrene får kopi bare når ungdommen sier ja til det.')}
          checked={copyToParents}
          onChange={(e) => setCopyToParents(e.target.checked)}
          error={fieldError(form, 'copyLettersToParents')}
        />
      )}
      {asksCompetence && (
        <Textfield
          multiline
          rows={3}
          label={t('Hvorfor ungdommen ikke kan samtykke selv')}
          description={t('Fra 16 år samtykker ungdommen selv (pasient- og brukerrettighetsloven § 4-3). En forelder eller verge kan samtykke for ungdommen bare når koordinerende enhet begrunner at ungdommen mangler samtykkekompetanse.')}
          value={lacksCompetence}
          onChange={(e) => setLacksCompetence(e.target.value)}
          error={fieldError(form, 'youngPersonLacksCompetence')}
        />
      )}
    </CommandFormView>
  );
}

export function WithdrawConsentForm() {
  const { view } = useCase();
  const form = useCommandForm();
  const [scopes, setScopes] = useState<Scope[]>([]);
  const [withdrawnBy, setWithdrawnBy] = useState('');
  const [on, setOn] = useState(osloToday());
  const submit = () => {
    void form
      .submit(
        (header) => api.POST('/cases/{id}/consents/withdrawal', { params: { path: { id: view.id }, header }, body: { scopes, withdrawnBy, on } }),
        t('Tilbaketrekkingen av samtykket er registrert.'),
      )
      .then((ok) => {
        if (!ok) return;
        setScopes([]);
        setWithdrawnBy('');
      });
  };
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={t('Registrer tilbaketrekking')} label={t('Trekk tilbake samtykke')}>
      <CheckboxGroup legend={t('Hva trekkes tilbake')} options={scopeOptions()} value={scopes} onChange={setScopes} error={fieldError(form, 'scopes')} />
      <Textfield label={t('Trukket tilbake av')} value={withdrawnBy} onChange={(e) => setWithdrawnBy(e.target.value)} error={fieldError(form, 'withdrawnBy')} />
      <DateField label={t('Dato for tilbaketrekkingen')} value={on} onChange={setOn} error={fieldError(form, 'on')} />
    </CommandFormView>
  );
}

// ---- Kartlegging: schedule, interview, assessment. ----

export function ScheduleKartleggingForm() {
  const { view } = useCase();
  const form = useCommandForm();
  const [at, setAt] = useState(view.kartlegging.scheduledAt ? localOf(view.kartlegging.scheduledAt) : '');
  const submit = () => {
    void form.submit(
      (header) => api.POST('/cases/{id}/kartlegging/schedule', { params: { path: { id: view.id }, header }, body: { scheduledAt: instantOf(at) } }),
      t('Kartleggingssamtalen er planlagt.'),
    );
  };
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={t('Planlegg kartleggingssamtale')} label={t('Steg 1: Planlegg kartleggingssamtalen')}>
      <DateTimeField label={t('Tidspunkt for kartleggingssamtalen')} value={at} onChange={setAt} error={fieldError(form, 'scheduledAt')} />
    </CommandFormView>
  );
}

export function InterviewForm() {
  const { view } = useCase();
  const form = useCommandForm();
  const [heldOn, setHeldOn] = useState(osloToday());
  const [participants, setParticipants] = useState('');
  const [childParticipated, setChildParticipated] = useState<'yes' | 'no' | ''>('');
  const [childAbsenceReason, setChildAbsenceReason] = useState('');
  const submit = () => {
    if (!childParticipated) return form.fail({ childParticipated: t('Svar på om barnet deltok') });
    const names = participants
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    const body = {
      heldOn,
      participants: names,
      childParticipated: childParticipated === 'yes',
      ...(childParticipated === 'no' && childAbsenceReason.trim() ? { childAbsenceReason } : {}),
    };
    void form.submit((header) => api.POST('/cases/{id}/kartlegging', { params: { path: { id: view.id }, header }, body }), t('Kartleggingssamtalen er registrert.'));
  };
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={t('Registrer kartleggingssamtale')} label={t('Steg 2: Registrer kartleggingssamtalen')}>
      <DateField label={t('Dato kartleggingssamtalen ble holdt')} value={heldOn} onChange={setHeldOn} error={fieldError(form, 'heldOn')} />
      <Textfield
        multiline
        rows={3}
        label={t('Deltakere')}
        description={t('Én per linje')}
        value={participants}
        onChange={(e) => setParticipants(e.target.value)}
        error={fieldError(form, 'participants', 'participants.0')}
      />
      <RadioGroup
        legend={t('Deltok barnet?')}
        options={[
          { value: 'yes', label: t('Ja') },
          { value: 'no', label: t('Nei') },
        ]}
        value={childParticipated}
        onChange={setChildParticipated}
        error={fieldError(form, 'childParticipated')}
      />
      {childParticipated === 'no' && (
        <Textfield
          multiline
          rows={2}
          label={t('Hvorfor deltok ikke barnet?')}
          description={t('Barn skal delta fra 15 år; oppgi grunnen.')}
          value={childAbsenceReason}
          onChange={(e) => setChildAbsenceReason(e.target.value)}
          error={fieldError(form, 'childAbsenceReason')}
        />
      )}
    </CommandFormView>
  );
}

const CONDITIONS = [
  { key: 'childUnder18OrExpected', point: 'a', legend: msg('a) Familien har barn under 18 år eller venter barn') },
  { key: 'seriousCondition', point: 'b', legend: msg('b) Barnet har alvorlig sykdom, skade eller nedsatt funksjonsevne') },
  { key: 'longTermCoordinatedNeeds', point: 'c', legend: msg('c) Barnet har behov for langvarige og sammensatte eller koordinerte helse- og omsorgstjenester og andre velferdstjenester') },
] as const;
type ConditionKey = (typeof CONDITIONS)[number]['key'];

export function AssessmentForm() {
  const { view } = useCase();
  const form = useCommandForm();
  const given = view.kartlegging.assessment;
  const [values, setValues] = useState<Record<ConditionKey, { met: 'yes' | 'no' | ''; text: string }>>(() => {
    const of = (k: ConditionKey) => (given ? { met: given[k].met ? ('yes' as const) : ('no' as const), text: given[k].text } : { met: '' as const, text: '' });
    return { childUnder18OrExpected: of('childUnder18OrExpected'), seriousCondition: of('seriousCondition'), longTermCoordinatedNeeds: of('longTermCoordinatedNeeds') };
  });
  const set = (k: ConditionKey, change: Partial<{ met: 'yes' | 'no'; text: string }>) => setValues((v) => ({ ...v, [k]: { ...v[k], ...change } }));
  const submit = () => {
    const missing = Object.fromEntries(CONDITIONS.filter((c) => !values[c.key].met).map((c) => [`${c.key}.met`, t('Velg om vilkåret er oppfylt')]));
    if (Object.keys(missing).length > 0) return form.fail(missing);
    const condition = (k: ConditionKey) => ({ met: values[k].met === 'yes', text: values[k].text });
    const body = { childUnder18OrExpected: condition('childUnder18OrExpected'), seriousCondition: condition('seriousCondition'), longTermCoordinatedNeeds: condition('longTermCoordinatedNeeds') };
    void form.submit((header) => api.POST('/cases/{id}/kartlegging/assessment', { params: { path: { id: view.id }, header }, body }), t('Vurderingen av vilkårene er registrert.'));
  };
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={t('Registrer vurderingen')} label={t('Steg 3: Vurder de tre vilkårene')}>
      {CONDITIONS.map((c) => (
        <div key={c.key} className="bk-case-condition">
          <RadioGroup
            legend={t(c.legend)}
            options={[
              { value: 'yes', label: t('Oppfylt') },
              { value: 'no', label: t('Ikke oppfylt') },
            ]}
            value={values[c.key].met}
            onChange={(met) => set(c.key, { met })}
            error={fieldError(form, `${c.key}.met`, c.key)}
          />
          <Textfield
            multiline
            rows={2}
            label={t('Vurdering av vilkår {{point}}', { point: c.point })}
            value={values[c.key].text}
            onChange={(e) => set(c.key, { text: e.target.value })}
            error={fieldError(form, `${c.key}.text`)}
          />
        </div>
      ))}
    </CommandFormView>
  );
}

// ---- The decision, with the letter's preview before it is sent. ----

type Alternative = 'coordinated_services' | 'ordinary_coordinator';

export function DecisionForm() {
  const { view, onRefresh } = useCase();
  const form = useCommandForm();
  const met = allConditionsMet(view);
  const outcome = met ? 'granted' : 'refused';
  const [reasons, setReasons] = useState('');
  const [offeredInstead, setOfferedInstead] = useState<Alternative[]>([]);
  const [decidedOn, setDecidedOn] = useState(osloToday());
  const [preview, setPreview] = useState<{ letter: LetterBody; of: string } | undefined>();
  const body = { outcome, reasons, offeredInstead: outcome === 'refused' ? offeredInstead : [], decidedOn } as const;
  const bodyKey = JSON.stringify(body);
  const current = preview && preview.of === bodyKey ? preview.letter : undefined;

  const showPreview = () => {
    void form
      .submit(async (header) => {
        const answer = await api.POST('/cases/{id}/decision/preview', { params: { path: { id: view.id }, header }, body: { ...body, offeredInstead: [...body.offeredInstead] } });
        if (answer.data) setPreview({ letter: answer.data.letter, of: bodyKey });
        // The preview answers a letter, not the case: the case on screen stays as it is.
        return { error: answer.error, response: answer.response, data: answer.data ? view : undefined };
      }, t('Forhåndsvisningen av brevet er klar. Les den før du sender avgjørelsen.'))
      .then((ok) => ok && document.getElementById('bk-letter-preview')?.focus());
  };
  const send = () => {
    void form
      .submit(
        (header) => api.POST('/cases/{id}/decision', { params: { path: { id: view.id }, header }, body: { ...body, offeredInstead: [...body.offeredInstead] } }),
        t('Avgjørelsen er registrert, og brevet er skrevet.'),
      )
      .then((ok) => (ok ? onRefresh() : undefined));
  };
  return (
    <>
      <CommandFormView form={form} onSubmit={showPreview} submitText={t('Forhåndsvis brevet')} label={t('Skriftlig avgjørelse')}>
        <Paragraph>
          {t('Utfall:')} <strong>{outcome === 'granted' ? t('Innvilget') : t('Avslått')}</strong>{' '}
          {outcome === 'granted' ? t('(alle tre vilkårene er vurdert som oppfylt)') : t('(minst ett vilkår er vurdert som ikke oppfylt)')}
        </Paragraph>
        <Textfield multiline rows={4} label={t('Begrunnelse')} value={reasons} onChange={(e) => setReasons(e.target.value)} error={fieldError(form, 'reasons')} />
        {outcome === 'refused' && (
          <CheckboxGroup
            legend={t('Tilbud til familien i stedet')}
            description={t('Et avslag må si hva familien får tilbud om i stedet.')}
            options={optionsOf(ALTERNATIVE_TEXT)}
            value={offeredInstead}
            onChange={setOfferedInstead}
            error={fieldError(form, 'offeredInstead')}
          />
        )}
        <DateField label={t('Dato for avgjørelsen')} value={decidedOn} onChange={setDecidedOn} error={fieldError(form, 'decidedOn')} />
        {!current && <Paragraph data-size="sm">{t('Du ser brevet til familien før du sender avgjørelsen.')}</Paragraph>}
      </CommandFormView>
      {current && (
        <section id="bk-letter-preview" tabIndex={-1} aria-labelledby="bk-letter-preview-heading" className="bk-letter-preview">
          <Heading level={4} data-size="xs" id="bk-letter-preview-heading">
            {t('Forhåndsvisning av brevet')}
          </Heading>
          <LetterText letter={current} />
          <div>
            <Button type="button" onClick={send} aria-disabled={form.busy || undefined}>
              {t('Send avgjørelse')}
            </Button>
          </div>
        </section>
      )}
    </>
  );
}

// ---- Complaints. ----

export function ComplaintForm() {
  const { view } = useCase();
  const form = useCommandForm();
  const latest = view.decisions.at(-1);
  // A closed case takes only a complaint about its closure (rule law-complaint-after-closure).
  const abouts = (Object.keys(COMPLAINT_ABOUT_TEXT) as (keyof typeof COMPLAINT_ABOUT_TEXT)[]).filter((a) =>
    view.status === 'closed' ? a === 'change_or_termination' : a !== 'refusal' || latest?.outcome === 'refused',
  );
  const [about, setAbout] = useState<keyof typeof COMPLAINT_ABOUT_TEXT | ''>('');
  const [receivedOn, setReceivedOn] = useState(osloToday());
  const [familyLearnedOn, setFamilyLearnedOn] = useState('');
  const submit = () => {
    if (!about) return form.fail({ about: t('Velg hva klagen gjelder') });
    const body = { about, receivedOn, ...(familyLearnedOn ? { familyLearnedOn } : {}) };
    void form
      .submit((header) => api.POST('/cases/{id}/complaints', { params: { path: { id: view.id }, header }, body }), t('Klagen er registrert.'))
      .then((ok) => {
        if (!ok) return;
        setAbout('');
        setFamilyLearnedOn('');
      });
  };
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={t('Registrer klage')} label={t('Registrer klage')}>
      <RadioGroup legend={t('Hva gjelder klagen?')} options={optionsOf(COMPLAINT_ABOUT_TEXT, abouts)} value={about} onChange={setAbout} error={fieldError(form, 'about')} />
      <DateField label={t('Dato klagen ble mottatt')} value={receivedOn} onChange={setReceivedOn} error={fieldError(form, 'receivedOn')} />
      <DateField
        label={view.status === 'closed' ? t('Dato familien fikk vite om avslutningen') : t('Dato familien fikk vite om avgjørelsen')}
        description={
          view.status === 'closed'
            ? t('Valgfritt. Klagefristen på fire uker regnes fra denne datoen; uten den fra datoen for avslutningen.')
            : t('Valgfritt. Klagefristen på fire uker regnes fra denne datoen; uten den fra datoen for avgjørelsen.')
        }
        value={familyLearnedOn}
        onChange={setFamilyLearnedOn}
        error={fieldError(form, 'familyLearnedOn')}
      />
    </CommandFormView>
  );
}

export function ComplaintOutcomeForm({ complaintId, status, name }: { complaintId: string; status: string; name: string }) {
  const { view, onRefresh } = useCase();
  const form = useCommandForm();
  const outcomes = outcomesFor(status);
  const [outcome, setOutcome] = useState<(typeof outcomes)[number] | ''>('');
  const [reasons, setReasons] = useState('');
  const [on, setOn] = useState(osloToday());
  const submit = () => {
    if (!outcome) return form.fail({ outcome: t('Velg utfall') });
    void form
      .submit(
        (header) => api.POST('/cases/{id}/complaints/{complaintId}/outcome', { params: { path: { id: view.id, complaintId }, header }, body: { outcome, reasons, on } }),
        t('Utfallet av klagen er registrert.'),
      )
      .then((ok) => {
        if (!ok) return;
        setOutcome('');
        setReasons('');
        return onRefresh();
      });
  };
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={t('Registrer utfall av klagen')} label={t('Utfall av {{name}}', { name })}>
      <RadioGroup legend={t('Utfall')} options={optionsOf(COMPLAINT_OUTCOME_TEXT, outcomes)} value={outcome} onChange={setOutcome} error={fieldError(form, 'outcome')} />
      <Textfield multiline rows={3} label={t('Begrunnelse for utfallet')} value={reasons} onChange={(e) => setReasons(e.target.value)} error={fieldError(form, 'reasons')} />
      <DateField label={t('Dato for utfallet')} value={on} onChange={setOn} error={fieldError(form, 'on')} />
    </CommandFormView>
  );
}

// ---- Appointment and change of coordinator. ----

export function AppointForm({ change }: { change: boolean }) {
  const { view } = useCase();
  const form = useCommandForm();
  const units = useQuery('units', () => api.GET('/units'));
  const coordinators = useQuery('coordinators', () => api.GET('/coordinators', { params: { query: { limit: 1000 } } }));
  const [unitId, setUnitId] = useState('');
  const [coordinatorId, setCoordinatorId] = useState('');
  const [appointedOn, setAppointedOn] = useState(osloToday());
  const inUnit = (coordinators.data?.coordinators ?? []).filter((c) => c.unitId === unitId && c.id !== view.appointment?.coordinatorId);
  const submit = () => {
    const missing: Record<string, string> = {};
    if (!unitId) missing.unitId = t('Velg tjenestested');
    if (!coordinatorId) missing.coordinatorId = t('Velg barnekoordinator');
    if (Object.keys(missing).length > 0) return form.fail(missing);
    void form.submit(
      (header) => api.POST('/cases/{id}/appointment', { params: { path: { id: view.id }, header }, body: { unitId, coordinatorId, appointedOn } }),
      change ? t('Koordinatoren er byttet.') : t('Barnekoordinatoren er oppnevnt.'),
    );
  };
  const text = change ? t('Bytt koordinator') : t('Oppnevn barnekoordinator');
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={text} label={text}>
      <SelectField
        label={t('Tjenestested')}
        value={unitId}
        onChange={(v) => {
          setUnitId(v);
          setCoordinatorId('');
        }}
        options={(units.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
        error={fieldError(form, 'unitId')}
        placeholder={units.loading ? t('Henter tjenestesteder …') : t('Velg tjenestested')}
      />
      <SelectField
        label={t('Barnekoordinator')}
        value={coordinatorId}
        onChange={setCoordinatorId}
        options={inUnit.map((c) => ({
          value: c.id,
          label: c.openCases === 1 ? t('{{name}} (1 åpen sak)', { name: c.name }) : t('{{name}} ({{n}} åpne saker)', { name: c.name, n: c.openCases }),
        }))}
        error={fieldError(form, 'coordinatorId')}
        placeholder={unitId ? (inUnit.length === 0 ? t('Ingen koordinatorer i dette tjenestestedet') : t('Velg barnekoordinator')) : t('Velg tjenestested først')}
      />
      <DateField label={change ? t('Dato for byttet') : t('Dato for oppnevningen')} value={appointedOn} onChange={setAppointedOn} error={fieldError(form, 'appointedOn')} />
    </CommandFormView>
  );
}

// ---- Follow-up. ----

export function KickOffForm() {
  const { view } = useCase();
  const form = useCommandForm();
  const [heldOn, setHeldOn] = useState(view.followUp.kickOffHeldOn ?? osloToday());
  const submit = () =>
    void form.submit((header) => api.POST('/cases/{id}/kick-off', { params: { path: { id: view.id }, header }, body: { heldOn } }), t('Oppstartsamtalen er registrert.'));
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={t('Registrer oppstartsamtale')} label={t('Oppstartsamtale')}>
      <DateField label={t('Dato for oppstartsamtalen')} value={heldOn} onChange={setHeldOn} error={fieldError(form, 'heldOn')} />
    </CommandFormView>
  );
}

export function AnsvarsgruppeForm() {
  const { view } = useCase();
  const form = useCommandForm();
  const [intervalMonths, setIntervalMonths] = useState('3');
  const [firstMeetingAt, setFirstMeetingAt] = useState('');
  const submit = () => {
    const body = { intervalMonths: Number(intervalMonths), ...(firstMeetingAt ? { firstMeetingAt: instantOf(firstMeetingAt) } : {}) };
    void form.submit((header) => api.POST('/cases/{id}/ansvarsgruppe', { params: { path: { id: view.id }, header }, body }), t('Ansvarsgruppen er opprettet.'));
  };
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={t('Opprett ansvarsgruppe')} label={t('Opprett ansvarsgruppe')}>
      <Textfield
        label={t('Måneder mellom møtene')}
        type="number"
        inputMode="numeric"
        min={1}
        max={12}
        value={intervalMonths}
        onChange={(e) => setIntervalMonths(e.target.value)}
        error={fieldError(form, 'intervalMonths')}
      />
      <DateTimeField
        label={t('Tidspunkt for første møte')}
        description={t('Valgfritt. Uten tidspunkt planlegges første møte ett intervall fram i tid.')}
        value={firstMeetingAt}
        onChange={setFirstMeetingAt}
        error={fieldError(form, 'firstMeetingAt')}
      />
    </CommandFormView>
  );
}

export function PlanMeetingForm() {
  const { view } = useCase();
  const form = useCommandForm();
  const [at, setAt] = useState('');
  const submit = () =>
    void form
      .submit((header) => api.POST('/cases/{id}/meetings', { params: { path: { id: view.id }, header }, body: { at: instantOf(at) } }), t('Møtet er planlagt.'))
      .then((ok) => ok && setAt(''));
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={t('Planlegg møte')} label={t('Planlegg ansvarsgruppemøte')}>
      <DateTimeField label={t('Tidspunkt for nytt møte')} value={at} onChange={setAt} error={fieldError(form, 'at')} />
    </CommandFormView>
  );
}

/** Move, cancel or record as held: a planned meeting's forms. */
export function PlannedMeetingForms({ meetingId, at }: { meetingId: string; at: string }) {
  const { view } = useCase();
  const move = useCommandForm();
  const cancel = useCommandForm();
  const held = useCommandForm();
  const [to, setTo] = useState(localOf(at));
  const [heldOn, setHeldOn] = useState(osloToday());
  const when = instantText(at);
  const path = { id: view.id, meetingId };
  return (
    <div className="bk-case-forms">
      <CommandFormView
        form={held}
        label={t('Registrer møtet {{when}} som holdt', { when })}
        submitText={t('Registrer møtet som holdt')}
        onSubmit={() => void held.submit((header) => api.POST('/cases/{id}/meetings/{meetingId}/held', { params: { path, header }, body: { heldOn } }), t('Møtet er registrert som holdt.'))}
      >
        <DateField label={t('Dato møtet ble holdt')} value={heldOn} onChange={setHeldOn} error={fieldError(held, 'heldOn')} />
      </CommandFormView>
      <CommandFormView
        form={move}
        label={t('Flytt møtet {{when}}', { when })}
        submitText={t('Flytt møtet')}
        onSubmit={() => void move.submit((header) => api.POST('/cases/{id}/meetings/{meetingId}/move', { params: { path, header }, body: { at: instantOf(to) } }), t('Møtet er flyttet.'))}
      >
        <DateTimeField label={t('Nytt tidspunkt for møtet')} value={to} onChange={setTo} error={fieldError(move, 'at')} />
      </CommandFormView>
      <CommandFormView
        form={cancel}
        label={t('Avlys møtet {{when}}', { when })}
        submitText={t('Avlys møtet')}
        variant="secondary"
        onSubmit={() => void cancel.submit((header) => api.POST('/cases/{id}/meetings/{meetingId}/cancellation', { params: { path, header }, body: {} }), t('Møtet er avlyst.'))}
      >
        {null}
      </CommandFormView>
    </div>
  );
}

export function MinutesForm({ meetingId, heldOn }: { meetingId: string; heldOn?: string }) {
  const { view } = useCase();
  const form = useCommandForm();
  const [writtenOn, setWrittenOn] = useState(osloToday());
  const submit = () =>
    void form.submit(
      (header) => api.POST('/cases/{id}/meetings/{meetingId}/minutes', { params: { path: { id: view.id, meetingId }, header }, body: { writtenOn } }),
      t('Referatet er registrert.'),
    );
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={t('Registrer referat')} label={heldOn ? t('Referat fra møtet {{date}}', { date: heldOn }) : t('Referat fra møtet')}>
      <DateField label={t('Dato referatet ble skrevet')} value={writtenOn} onChange={setWrittenOn} error={fieldError(form, 'writtenOn')} />
    </CommandFormView>
  );
}

export function IndividualPlanForm() {
  const { view } = useCase();
  const form = useCommandForm();
  const current = view.followUp.individualPlan.status;
  const next = (Object.keys(PLAN_FROM) as (keyof typeof PLAN_FROM)[]).filter((s) => PLAN_FROM[s].includes(current));
  const [status, setStatus] = useState<keyof typeof PLAN_FROM | ''>('');
  const [on, setOn] = useState(osloToday());
  if (next.length === 0) return null;
  const submit = () => {
    if (!status) return form.fail({ status: t('Velg ny status') });
    void form.submit((header) => api.POST('/cases/{id}/individual-plan', { params: { path: { id: view.id }, header }, body: { status, on } }), t('Status for individuell plan er oppdatert.'));
  };
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={t('Oppdater individuell plan')} label={t('Status for individuell plan')}>
      <SelectField label={t('Ny status for individuell plan')} value={status} onChange={setStatus} options={optionsOf(PLAN_STATUS_TEXT, next)} error={fieldError(form, 'status')} />
      <DateField label={t('Dato for statusen')} value={on} onChange={setOn} error={fieldError(form, 'on')} />
    </CommandFormView>
  );
}

export function BirthForm() {
  const { view } = useCase();
  const form = useCommandForm();
  const [birthDate, setBirthDate] = useState('');
  const submit = () =>
    void form.submit((header) => api.POST('/cases/{id}/birth', { params: { path: { id: view.id }, header }, body: { birthDate } }), t('Fødselen er registrert.'));
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={t('Registrer fødsel')} label={t('Registrer fødsel')}>
      <DateField label={t('Fødselsdato')} value={birthDate} onChange={setBirthDate} error={fieldError(form, 'birthDate')} />
    </CommandFormView>
  );
}

export function TaskForm({ taskId, kind }: { taskId: string; kind: string }) {
  const { view } = useCase();
  const form = useCommandForm();
  const [doneOn, setDoneOn] = useState(osloToday());
  const text = TASK_TEXT[kind] ? t(TASK_TEXT[kind]) : kind;
  const submit = () =>
    void form.submit(
      (header) => api.POST('/cases/{id}/tasks/{taskId}/completion', { params: { path: { id: view.id, taskId }, header }, body: { doneOn } }),
      t('Oppgaven er merket som utført.'),
    );
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={t('Merk som utført')} label={text}>
      <DateField label={t('Dato utført: {{task}}', { task: text })} value={doneOn} onChange={setDoneOn} error={fieldError(form, 'doneOn')} />
    </CommandFormView>
  );
}

// ---- Extension and closure (KE). ----

export function ExtendForm() {
  const { view } = useCase();
  const form = useCommandForm();
  const [toAge, setToAge] = useState(String(Math.max(19, (view.extendedToAge ?? 18) + 1)));
  const submit = () =>
    void form.submit((header) => api.POST('/cases/{id}/extension', { params: { path: { id: view.id }, header }, body: { toAge: Number(toAge) } }), t('Saken er forlenget.'));
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={t('Forleng saken')} label={t('Forleng saken etter 18 år')}>
      <Textfield
        label={t('Forleng til alder')}
        description={t('Kommunen kan tilby barnekoordinator etter 18 år, høyst til 25 år.')}
        type="number"
        inputMode="numeric"
        min={19}
        max={25}
        value={toAge}
        onChange={(e) => setToAge(e.target.value)}
        error={fieldError(form, 'toAge')}
      />
    </CommandFormView>
  );
}

type CallerClosureReason = 'consent_withdrawn' | 'moved_away' | 'need_ended' | 'child_died' | 'other';

export function CloseForm() {
  const { view } = useCase();
  const form = useCommandForm();
  const [reason, setReason] = useState<CallerClosureReason | ''>('');
  const [on, setOn] = useState(osloToday());
  const [note, setNote] = useState('');
  const submit = () => {
    if (!reason) return form.fail({ reason: t('Velg grunn for avslutning') });
    const body = { reason, on, ...(note.trim() ? { note } : {}) };
    void form.submit((header) => api.POST('/cases/{id}/closure', { params: { path: { id: view.id }, header }, body }), t('Saken er avsluttet, og brevet er skrevet.'));
  };
  const reasons: CallerClosureReason[] = ['consent_withdrawn', 'moved_away', 'need_ended', 'child_died', 'other'];
  return (
    <CommandFormView form={form} onSubmit={submit} submitText={t('Avslutt saken')} label={t('Avslutt saken')}>
      <RadioGroup legend={t('Grunn for avslutning')} options={optionsOf(CLOSURE_REASON_TEXT, reasons)} value={reason} onChange={setReason} error={fieldError(form, 'reason')} />
      <DateField label={t('Dato saken avsluttes')} value={on} onChange={setOn} error={fieldError(form, 'on')} />
      <Textfield multiline rows={2} label={t('Merknad (valgfritt)')} description={t('Kommer med i brevet til familien.')} value={note} onChange={(e) => setNote(e.target.value)} error={fieldError(form, 'note')} />
    </CommandFormView>
  );
}
