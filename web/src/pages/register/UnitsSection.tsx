import { Alert, Button, Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { api, formErrors } from '../../api';
import { QueryState } from '../../components/QueryState';
import { SelectField } from '../../components/SelectField';
import { t } from '../../i18n';
import { SECTOR_TEXT } from '../../texts';
import type { Caseload, Registry } from './types';

type Sector = 'health' | 'childhood' | 'welfare' | 'other';

export function UnitsSection({ registry, caseload, onChange }: { registry: Registry; caseload?: Caseload; onChange(): void }) {
  const openCases = new Map((caseload?.units ?? []).map((u) => [u.unitId, u.openCases]));
  const [name, setName] = useState('');
  const [sector, setSector] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setMessage(null);
    const { data, error } = await api.POST('/units', { body: { name, sector: (sector || undefined) as Sector } });
    setSending(false);
    if (data) {
      setName('');
      setSector('');
      setErrors({});
      setMessage({ ok: true, text: t('{{name}} er registrert.', { name: data.name }) });
      await registry.reloadUnits();
      onChange();
      return;
    }
    const { fields, summary } = formErrors(error);
    setErrors(fields);
    if (Object.keys(fields).length === 0) setMessage({ ok: false, text: summary });
  };

  return (
    <section aria-labelledby="enheter">
      <Heading level={2} data-size="md" id="enheter">
        {t('Tjenestesteder')}
      </Heading>
      <QueryState loading={false} error={registry.error} what={t('registeret')} />
      {registry.units.length === 0 ? (
        <Paragraph>{t('Ingen tjenestesteder er registrert.')}</Paragraph>
      ) : (
        <div className="bk-table-wrap">
          <Table zebra>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('Navn')}</Table.HeaderCell>
                <Table.HeaderCell>{t('Sektor')}</Table.HeaderCell>
                <Table.HeaderCell>{t('Åpne saker')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {registry.units.map((u) => (
                <Table.Row key={u.id}>
                  <Table.Cell>{u.name}</Table.Cell>
                  <Table.Cell>{SECTOR_TEXT[u.sector] === undefined ? u.sector : t(SECTOR_TEXT[u.sector])}</Table.Cell>
                  <Table.Cell>{openCases.get(u.id) ?? 0}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <form className="bk-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="ny-enhet">
        <Heading level={3} data-size="sm" id="ny-enhet">
          {t('Registrer tjenestested')}
        </Heading>
        <Textfield label={t('Navn på tjenestestedet')} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} autoComplete="off" />
        <SelectField label={t('Sektor')} emptyText={t('Velg sektor')} value={sector} onChange={(e) => setSector(e.target.value)} options={Object.entries(SECTOR_TEXT).map(([value, text]) => ({ value, text: t(text) }))} error={errors.sector} />
        {message && (
          <Alert data-color={message.ok ? 'success' : 'danger'} role={message.ok ? 'status' : 'alert'}>
            <Paragraph>{message.text}</Paragraph>
          </Alert>
        )}
        <div className="bk-actions">
          <Button type="submit" loading={sending}>
            {t('Registrer tjenestested')}
          </Button>
        </div>
      </form>
    </section>
  );
}
