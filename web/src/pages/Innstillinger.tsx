/**
 * The municipality's register entry (GET/PUT /admin/municipality, issue #16), for its
 * administrator: the name letters sign with, KE's addresses, e-mail and phone, the letterhead,
 * the målform of letters and reminders, and where complaints are sent. A save names the version it
 * changes (If-Match): when someone else saved meanwhile, the page says so and shows theirs. The
 * case policy and the logo are kept as they are (the API changes them).
 */
import { Alert, Button, Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState, type FormEvent } from 'react';
import { ifMatch } from '../../../api/client';
import { api, formErrors, type components } from '../api';
import { QueryState } from '../components/QueryState';
import { usePageTitle } from '../hooks/usePageTitle';
import { useQuery } from '../hooks/useQuery';
import { msg, t } from '../i18n';
import { formatDateTime } from '../texts';
import { RadioGroup, type Option } from './case/fields';

type Municipality = components['schemas']['Municipality'];
type Malform = Municipality['malform'];

const MALFORM_OPTIONS: Option<Malform>[] = [
  { value: 'nb', label: msg('Bokmål') },
  { value: 'nn', label: msg('Nynorsk') },
];

interface Draft {
  name: string;
  kePostalAddress: string;
  keVisitingAddress: string;
  keEmail: string;
  kePhone: string;
  letterheadName: string;
  malform: Malform;
  complaintAddress: string;
}

const draftOf = (m: Municipality): Draft => ({
  name: m.name,
  kePostalAddress: m.kePostalAddress,
  keVisitingAddress: m.keVisitingAddress ?? '',
  keEmail: m.keEmail ?? '',
  kePhone: m.kePhone ?? '',
  letterheadName: m.letterheadName,
  malform: m.malform,
  complaintAddress: m.complaintAddress,
});

const orNull = (text: string) => (text.trim() ? text.trim() : null);

export function Innstillinger() {
  usePageTitle(t('Innstillinger'));
  const settings = useQuery('municipality-settings', () => api.GET('/admin/municipality'));
  const changes = useQuery('municipality-changes', () => api.GET('/admin/municipality/changes'));
  const [draft, setDraft] = useState<Draft | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const current = settings.data;

  useEffect(() => {
    if (current) setDraft(draftOf(current));
  }, [current]);

  const set = (field: keyof Draft) => (value: string) => setDraft((d) => (d ? { ...d, [field]: value } : d));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!current || !draft) return;
    setMessage(null);
    setSending(true);
    const { data, error, response } = await api.PUT('/admin/municipality', {
      params: { header: { 'if-match': ifMatch(current.version) } },
      body: {
        name: draft.name,
        kePostalAddress: draft.kePostalAddress,
        keVisitingAddress: orNull(draft.keVisitingAddress),
        keEmail: orNull(draft.keEmail),
        kePhone: orNull(draft.kePhone),
        letterheadName: draft.letterheadName,
        letterheadLogo: current.letterheadLogo,
        malform: draft.malform,
        complaintAddress: draft.complaintAddress,
        casePolicy: current.casePolicy,
      },
    });
    setSending(false);
    if (data) {
      setErrors({});
      setMessage({ ok: true, text: t('Innstillingene er lagret. De gjelder for brev og påminnelser som skrives fra nå.') });
      await Promise.all([settings.reload(), changes.reload()]);
      return;
    }
    if (response.status === 412) {
      setMessage({ ok: false, text: t('Noen andre har endret innstillingene i mellomtiden. Her er de nye; gjør endringen din på nytt.') });
      await Promise.all([settings.reload(), changes.reload()]);
      return;
    }
    const { fields, summary } = formErrors(error);
    setErrors(Object.fromEntries(Object.entries(fields).map(([field, text]) => [field.split('.')[0], text])));
    setMessage({ ok: false, text: Object.keys(fields).length > 0 ? t('Noen felt er ikke fylt ut riktig. Se meldingen ved feltet.') : summary });
  };

  return (
    <>
      <Heading level={1} data-size="lg">
        {t('Innstillinger')}
      </Heading>
      <Paragraph>
        {t(
          'Kommunens oppføring i registeret: navnet brevene signeres med, adressene til koordinerende enhet, brevhodet, målformen brev og påminnelser skrives på, og hvor klager sendes. En endring gjelder for det som skrives fra nå; brev som alt er skrevet, beholder teksten sin.',
        )}
      </Paragraph>
      <QueryState loading={settings.loading && !settings.data} error={settings.error} what={t('innstillingene')} />
      {message && (
        <Alert data-color={message.ok ? 'success' : 'danger'} role={message.ok ? 'status' : 'alert'}>
          <Paragraph>{message.text}</Paragraph>
        </Alert>
      )}
      {current && draft && (
        <form className="bk-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="kommunen">
          <Heading level={2} data-size="sm" id="kommunen">
            {t('Kommune {{number}}', { number: current.number })}
          </Heading>
          <Textfield label={t('Kommunens navn')} description={t('Slik brevene signeres, for eksempel «Stord kommune».')} value={draft.name} onChange={(e) => set('name')(e.target.value)} error={errors.name} />
          <Textfield label={t('Brevhode')} value={draft.letterheadName} onChange={(e) => set('letterheadName')(e.target.value)} error={errors.letterheadName} />
          <RadioGroup legend={t('Målform for brev og påminnelser')} options={MALFORM_OPTIONS.map((o) => ({ ...o, label: t(o.label) }))} value={draft.malform} onChange={set('malform')} error={errors.malform} />
          <Textfield multiline rows={3} label={t('Postadresse til koordinerende enhet')} value={draft.kePostalAddress} onChange={(e) => set('kePostalAddress')(e.target.value)} error={errors.kePostalAddress} />
          <Textfield multiline rows={2} label={t('Besøksadresse (valgfritt)')} value={draft.keVisitingAddress} onChange={(e) => set('keVisitingAddress')(e.target.value)} error={errors.keVisitingAddress} />
          <Textfield label={t('E-post til koordinerende enhet (valgfritt)')} type="email" value={draft.keEmail} onChange={(e) => set('keEmail')(e.target.value)} error={errors.keEmail} />
          <Textfield label={t('Telefon (valgfritt)')} type="tel" value={draft.kePhone} onChange={(e) => set('kePhone')(e.target.value)} error={errors.kePhone} />
          <Textfield multiline rows={3} label={t('Klager sendes til')} value={draft.complaintAddress} onChange={(e) => set('complaintAddress')(e.target.value)} error={errors.complaintAddress} />
          <div className="bk-actions">
            <Button type="submit" loading={sending}>
              {t('Lagre innstillingene')}
            </Button>
          </div>
        </form>
      )}
      {changes.data && changes.data.changes.length > 0 && (
        <div className="bk-table-wrap">
          <Table zebra>
            <caption>{t('Endringer')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('Versjon')}</Table.HeaderCell>
                <Table.HeaderCell>{t('Endret')}</Table.HeaderCell>
                <Table.HeaderCell>{t('Av')}</Table.HeaderCell>
                <Table.HeaderCell>{t('Målform')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {changes.data.changes.map((c) => (
                <Table.Row key={c.version}>
                  <Table.Cell>{c.version}</Table.Cell>
                  <Table.Cell>{formatDateTime(c.changedAt)}</Table.Cell>
                  <Table.Cell>{c.changedBy}</Table.Cell>
                  <Table.Cell>{c.settings.malform === 'nn' ? t('Nynorsk') : t('Bokmål')}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </>
  );
}
