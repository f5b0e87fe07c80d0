/** KE registers a request for a barnekoordinator (POST /cases); a double submit makes one case (Idempotency-Key). */
import { Alert, Button, Checkbox, Fieldset, Heading, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, formErrors, type paths } from '../api';
import { FormErrorSummary, fieldId } from '../components/FormErrorSummary';
import { usePageTitle } from '../hooks/usePageTitle';
import { msg, t } from '../i18n';
import { newUuid } from '../ids';
import { osloToday } from './case/labels';
import { useSession } from '../session';
import { ConsentersFieldset, type Consenter } from './ny-henvendelse/ConsentersFieldset';

type CaseRequest = paths['/cases']['post']['requestBody']['content']['application/json'];

/** The API's messages for the rules across fields, in the words of the form. */
const RULE_MESSAGES: [RegExp, string, string][] = [
  [/either birthDate .* or expectedDate/i, 'child.birthDate', msg('Oppgi enten fødselsdato (født barn) eller termin (ufødt barn)')],
  [/expected date more than .* before/i, 'child.expectedDate', msg('Terminen er så lenge før mottatt dato at barnet er født: oppgi fødselsdato')],
  [/expected date more than .* after/i, 'child.expectedDate', msg('Terminen er for langt fram i tid')],
];

const LABELS: Record<string, string> = {
  channel: msg('Hvordan kom henvendelsen'),
  receivedOn: msg('Mottatt dato'),
  'child.name': msg('Barnets navn'),
  'child.birthDate': msg('Fødselsdato'),
  'child.expectedDate': msg('Termin'),
  'child.nationalId': msg('Fødselsnummer'),
  consenters: msg('Samtykkegivere'),
  reasons: msg('Begrunnelse for ønsket'),
  caseworkerId: msg('Saksbehandler'),
  caseworkerName: msg('Saksbehandlers navn i brev'),
};

function labelOf(path: string): string | undefined {
  const consenter = /^consenters\.(\d+)\.(name|role)$/.exec(path);
  if (consenter) {
    const n = Number(consenter[1]) + 1;
    return consenter[2] === 'name' ? t('Navn, samtykkegiver {{n}}', { n }) : t('Rolle, samtykkegiver {{n}}', { n });
  }
  return LABELS[path] ? t(LABELS[path]) : undefined;
}

function fieldsOf(error: unknown): Record<string, string> {
  const fields = formErrors(error).fields;
  for (const e of (error as { errors?: { field: string; message: string }[] }).errors ?? []) {
    for (const [pattern, path, message] of RULE_MESSAGES) {
      if (pattern.test(e.message)) {
        delete fields[e.field.replace(/^body\.?/, '')];
        fields[path] = t(message);
      }
    }
  }
  return fields;
}

export function NyHenvendelse() {
  usePageTitle(t('Ny henvendelse'));
  const { session } = useSession();
  const navigate = useNavigate();
  // One key per body: sending the same form again (a double click, a retry after a timeout) makes
  // one case; a corrected form is another request and gets another key.
  const idempotency = useRef<{ body: string; key: string }>({ body: '', key: newUuid() });
  const keys = useRef(0);
  const newKey = () => `c${++keys.current}`;
  const [channel, setChannel] = useState<'written' | 'oral'>('written');
  const [receivedOn, setReceivedOn] = useState(() => osloToday());
  const [born, setBorn] = useState(true);
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [expectedDate, setExpectedDate] = useState('');
  const [nationalId, setNationalId] = useState('');
  const [adopted, setAdopted] = useState(false);
  const [consenters, setConsenters] = useState<Consenter[]>(() => [{ key: newKey(), name: '', role: '' }]);
  const [reasons, setReasons] = useState('');
  const [caseworkerId, setCaseworkerId] = useState(session.subject);
  const [caseworkerName, setCaseworkerName] = useState(session.name);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    setSummary(null);
    const body = {
      channel,
      receivedOn,
      child: {
        name,
        ...(born ? { birthDate: birthDate || undefined, nationalId: nationalId.trim() || undefined } : { expectedDate: expectedDate || undefined }),
        adopted,
      },
      consenters: consenters.map((c) => ({ name: c.name, role: c.role || undefined })),
      reasons,
      caseworkerId: caseworkerId.trim() || undefined,
      caseworkerName: caseworkerName.trim() || undefined,
    } as CaseRequest;
    const serialized = JSON.stringify(body);
    if (idempotency.current.body && idempotency.current.body !== serialized) idempotency.current.key = newUuid();
    idempotency.current.body = serialized;
    const answer = await api.POST('/cases', { body, params: { header: { 'idempotency-key': idempotency.current.key } } }).catch(() => null);
    setSending(false);
    if (!answer) {
      setSummary(t('Fikk ikke kontakt med tjenesten. Send igjen: henvendelsen blir bare registrert én gang.'));
      return;
    }
    const { data, error } = answer;
    if (data) {
      void navigate(`/saker/${data.id}`);
      return;
    }
    const fields = fieldsOf(error);
    setErrors(fields);
    setAttempt((a) => a + 1);
    if (Object.keys(fields).length === 0) setSummary(formErrors(error).summary);
  };

  return (
    <>
      <Heading level={1} data-size="lg">
        {t('Ny henvendelse')}
      </Heading>
      <Paragraph>{t('Registrer et ønske om barnekoordinator, skriftlig eller muntlig.')}</Paragraph>
      <form className="bk-form" onSubmit={(e) => void submit(e)} noValidate>
        <FormErrorSummary fields={errors} attempt={attempt} labelOf={labelOf} />
        {summary && (
          <Alert data-color="danger" role="alert">
            <Paragraph>{summary}</Paragraph>
          </Alert>
        )}
        <Fieldset id={fieldId('channel')}>
          <Fieldset.Legend>{t('Hvordan kom henvendelsen?')}</Fieldset.Legend>
          <Radio label={t('Skriftlig')} name="channel" value="written" checked={channel === 'written'} onChange={() => setChannel('written')} />
          <Radio label={t('Muntlig')} name="channel" value="oral" checked={channel === 'oral'} onChange={() => setChannel('oral')} />
        </Fieldset>
        <Textfield id={fieldId('receivedOn')} label={t('Mottatt dato')} type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} error={errors.receivedOn} />
        <Fieldset>
          <Fieldset.Legend>{t('Barnet')}</Fieldset.Legend>
          <Fieldset>
            <Fieldset.Legend>{t('Er barnet født?')}</Fieldset.Legend>
            <Radio label={t('Ja, barnet er født')} name="born" value="yes" checked={born} onChange={() => setBorn(true)} />
            <Radio label={t('Nei, familien venter barn')} name="born" value="no" checked={!born} onChange={() => setBorn(false)} />
          </Fieldset>
          <Textfield id={fieldId('child.name')} label={born ? t('Barnets navn') : t('Barnets navn eller et foreløpig navn')} value={name} onChange={(e) => setName(e.target.value)} error={errors['child.name'] ?? errors.child} autoComplete="off" />
          {born ? (
            <>
              <Textfield id={fieldId('child.birthDate')} label={t('Fødselsdato')} type="date" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} error={errors['child.birthDate']} />
              <Textfield
                id={fieldId('child.nationalId')}
                label={t('Fødselsnummer (valgfritt)')}
                description={t('11 siffer')}
                inputMode="numeric"
                value={nationalId}
                onChange={(e) => setNationalId(e.target.value)}
                error={errors['child.nationalId'] && t('Fødselsnummeret må ha 11 siffer')}
                autoComplete="off"
              />
            </>
          ) : (
            <Textfield id={fieldId('child.expectedDate')} label={t('Termin')} type="date" value={expectedDate} onChange={(e) => setExpectedDate(e.target.value)} error={errors['child.expectedDate'] ?? errors['child.birthDate']} />
          )}
          <Checkbox label={t('Barnet er adoptert')} checked={adopted} onChange={(e) => setAdopted(e.target.checked)} />
        </Fieldset>
        <ConsentersFieldset consenters={consenters} onChange={setConsenters} errors={errors} newKey={newKey} />
        <Textfield id={fieldId('reasons')} label={t('Begrunnelse for ønsket')} description={t('Hva familien forteller om behovet')} multiline rows={5} value={reasons} onChange={(e) => setReasons(e.target.value)} error={errors.reasons} />
        <Textfield id={fieldId('caseworkerId')} label={t('Saksbehandler (valgfritt)')} description={t('Den i koordinerende enhet som følger opp saken')} value={caseworkerId} onChange={(e) => setCaseworkerId(e.target.value)} error={errors.caseworkerId} />
        <Textfield id={fieldId('caseworkerName')} label={t('Saksbehandlers navn i brev (valgfritt)')} description={t('Brevene til familien oppgir dette navnet som kontaktperson')} value={caseworkerName} onChange={(e) => setCaseworkerName(e.target.value)} error={errors.caseworkerName} />
        <div className="bk-actions">
          <Button type="submit" loading={sending}>
            {t('Registrer henvendelsen')}
          </Button>
        </div>
      </form>
    </>
  );
}
