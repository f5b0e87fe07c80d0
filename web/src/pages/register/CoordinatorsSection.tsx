import { Alert, Button, Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { api, formErrors } from '../../api';
import { SelectField } from '../../components/SelectField';
import { t } from '../../i18n';
import { cases } from '../../texts';
import { AbsenceDialog } from './AbsenceDialog';
import type { Caseload, Registry } from './types';

export function CoordinatorsSection({ registry, caseload, onChange }: { registry: Registry; caseload?: Caseload; onChange(): void }) {
  const load = new Map((caseload?.coordinators ?? []).map((c) => [c.coordinatorId, c]));
  const [absenceFor, setAbsenceFor] = useState<{ id: string; name: string } | null>(null);
  const [unitId, setUnitId] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [subject, setSubject] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setMessage(null);
    const { data, error } = await api.POST('/coordinators', { body: { unitId, name, email, subject: subject.trim() || undefined } });
    setSending(false);
    if (data) {
      setName('');
      setEmail('');
      setSubject('');
      setErrors({});
      setMessage({ ok: true, text: t('{{name}} er registrert som barnekoordinator.', { name: data.name }) });
      await registry.reloadCoordinators();
      onChange();
      return;
    }
    const { fields, summary } = formErrors(error);
    if (fields.email) fields.email = t('Skriv en gyldig e-postadresse');
    if (fields.unitId) fields.unitId = t('Velg tjenestested');
    if (fields.subject) fields.subject = t('Bruk bokstaver, tall og . _ - @ : |');
    setErrors(fields);
    if (Object.keys(fields).length === 0) setMessage({ ok: false, text: summary });
  };

  return (
    <section aria-labelledby="koordinatorer">
      <Heading level={2} data-size="md" id="koordinatorer">
        {t('Barnekoordinatorer')}
      </Heading>
      {registry.coordinators.length === 0 ? (
        <Paragraph>{t('Ingen barnekoordinatorer er registrert.')}</Paragraph>
      ) : (
        <div className="bk-table-wrap">
          <Table zebra>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('Navn')}</Table.HeaderCell>
                <Table.HeaderCell>{t('Tjenestested')}</Table.HeaderCell>
                <Table.HeaderCell>{t('E-post')}</Table.HeaderCell>
                <Table.HeaderCell>{t('Innlogging')}</Table.HeaderCell>
                <Table.HeaderCell>{t('Oppnevnt i')}</Table.HeaderCell>
                <Table.HeaderCell>{t('Stedfortreder i')}</Table.HeaderCell>
                <Table.HeaderCell>
                  <span className="bk-visually-hidden">{t('Handling')}</span>
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {registry.coordinators.map((c) => (
                <Table.Row key={c.id}>
                  <Table.Cell>{c.name}</Table.Cell>
                  <Table.Cell>{registry.unitName(c.unitId)}</Table.Cell>
                  <Table.Cell>{c.email}</Table.Cell>
                  <Table.Cell>{c.subject ?? <span className="bk-muted">{t('Ikke koblet')}</span>}</Table.Cell>
                  <Table.Cell>{cases(load.get(c.id)?.appointed ?? c.openCases)}</Table.Cell>
                  <Table.Cell>{cases(load.get(c.id)?.substituting ?? 0)}</Table.Cell>
                  <Table.Cell>
                    <Button variant="secondary" data-size="sm" aria-label={t('Registrer fravær for {{name}}', { name: c.name })} onClick={() => setAbsenceFor({ id: c.id, name: c.name })}>
                      {t('Registrer fravær')}
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <form className="bk-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="ny-koordinator">
        <Heading level={3} data-size="sm" id="ny-koordinator">
          {t('Registrer barnekoordinator')}
        </Heading>
        <SelectField label={t('Tjenestested')} emptyText={t('Velg tjenestested')} value={unitId} onChange={(e) => setUnitId(e.target.value)} options={registry.units.map((u) => ({ value: u.id, text: u.name }))} error={errors.unitId} />
        <Textfield label={t('Navn')} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} autoComplete="off" />
        <Textfield label={t('E-post')} type="email" description={t('Påminnelser sendes hit')} value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} autoComplete="off" />
        <Textfield
          label={t('Brukernavn for innlogging (valgfritt)')}
          description={t('Identiteten koordinatoren logger inn med, for eksempel {{example}}. Uten den ser koordinatoren ikke sakene sine.', { example: 'koordinator-ingrid' })}
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
          error={errors.subject}
          autoComplete="off"
        />
        {message && (
          <Alert data-color={message.ok ? 'success' : 'danger'} role={message.ok ? 'status' : 'alert'}>
            <Paragraph>{message.text}</Paragraph>
          </Alert>
        )}
        <div className="bk-actions">
          <Button type="submit" loading={sending}>
            {t('Registrer barnekoordinator')}
          </Button>
        </div>
      </form>
      {absenceFor && (
        <AbsenceDialog
          coordinator={absenceFor}
          others={registry.coordinators.filter((c) => c.id !== absenceFor.id)}
          onClose={() => setAbsenceFor(null)}
          onRecorded={() => {
            onChange();
            void registry.reloadCoordinators();
          }}
        />
      )}
    </section>
  );
}
