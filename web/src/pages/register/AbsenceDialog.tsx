/**
 * A coordinator's leave or departure: first a preview of which cases move and to whom, then
 * "Bekreft" records it. Nothing changes until then.
 */
import { Alert, Button, Dialog, Fieldset, Heading, Link, Paragraph, Radio, Table, Textfield } from '@digdir/designsystemet-react';
import { useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { api, callApi, formErrors, type paths } from '../../api';
import { SelectField } from '../../components/SelectField';
import { msg, t } from '../../i18n';
import { StatusTag } from '../../components/StatusTag';
import { osloToday } from '../case/labels';
import { caseRef, cases } from '../../texts';

type AbsenceBody = paths['/coordinators/{id}/absences']['post']['requestBody']['content']['application/json'];

interface Preview {
  coordinatorId: string;
  kind: string;
  cases: { caseId: string; status: string; holderAfter: { coordinatorId: string; name: string } | null; effect: string }[];
}

const EFFECT_TEXT: Record<string, string> = {
  substitute_holds: msg('Stedfortrederen har saken til fraværet er over'),
  substitute_holds_until_reassigned: msg('Stedfortrederen har saken til KE oppnevner ny koordinator'),
  ke_must_reassign: msg('Ingen har saken: KE må oppnevne ny koordinator'),
};

export function AbsenceDialog({ coordinator, others, onClose, onRecorded }: { coordinator: { id: string; name: string }; others: { id: string; name: string }[]; onClose(): void; onRecorded(): void }) {
  const [kind, setKind] = useState<'leave' | 'departure'>('leave');
  const [from, setFrom] = useState(() => osloToday());
  const [until, setUntil] = useState('');
  const [substituteId, setSubstituteId] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Closing the native dialog (rather than unmounting it open) gives focus back to the button that opened it.
  const dialog = useRef<HTMLDialogElement>(null);
  const close = () => dialog.current?.close();

  const body = { kind, from, until: kind === 'leave' && until ? until : undefined, substituteId: substituteId || undefined } as AbsenceBody;
  const changed = () => setPreview(null);
  const fail = (error: unknown) => {
    const { fields, summary } = formErrors(error);
    if (fields.until) fields.until = t('Sluttdatoen må være etter første dag, og fraværet kan ikke vare så lenge');
    setErrors(fields);
    if (Object.keys(fields).length === 0) setFailure(summary);
  };

  const showPreview = async () => {
    setBusy(true);
    setFailure(null);
    const { data, error } = await callApi<Preview>('POST', `/coordinators/${coordinator.id}/absences/preview`, body);
    setBusy(false);
    if (data) {
      setErrors({});
      setPreview(data);
    } else fail(error);
  };

  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    const { data, error } = await api.POST('/coordinators/{id}/absences', { params: { path: { id: coordinator.id } }, body });
    setBusy(false);
    if (data) {
      setDone(t('Fraværet er registrert. {{cases}} blir oppdatert.', { cases: cases(data.openCases) }));
      onRecorded();
    } else fail(error);
  };

  return (
    <Dialog ref={dialog} className="bk-dialog-wide" open onClose={onClose} closeButton={t('Lukk')} aria-labelledby="fravaer-tittel">
      <Heading level={2} data-size="sm" id="fravaer-tittel">
        {t('Registrer fravær for {{name}}', { name: coordinator.name })}
      </Heading>
      {done ? (
        <>
          <Alert data-color="success" role="status">
            <Paragraph>{done}</Paragraph>
          </Alert>
          <Button onClick={close}>{t('Lukk')}</Button>
        </>
      ) : (
        <div className="bk-form">
          <Fieldset>
            <Fieldset.Legend>{t('Type fravær')}</Fieldset.Legend>
            <Radio label={t('Permisjon eller sykefravær')} name="kind" value="leave" checked={kind === 'leave'} onChange={() => (setKind('leave'), changed())} />
            <Radio label={t('Slutter i rollen')} name="kind" value="departure" checked={kind === 'departure'} onChange={() => (setKind('departure'), changed())} />
          </Fieldset>
          <Textfield label={t('Fra og med')} type="date" value={from} onChange={(e) => (setFrom(e.target.value), changed())} error={errors.from} />
          {kind === 'leave' && <Textfield label={t('Til og med (valgfritt)')} type="date" value={until} onChange={(e) => (setUntil(e.target.value), changed())} error={errors.until} />}
          <SelectField
            label={t('Stedfortreder (valgfritt)')}
            emptyText={t('Ingen – KE oppnevner ny')}
            value={substituteId}
            onChange={(e) => (setSubstituteId(e.target.value), changed())}
            options={others.map((c) => ({ value: c.id, text: c.name }))}
            error={errors.substituteId}
          />
          {failure && (
            <Alert data-color="danger" role="alert">
              <Paragraph>{failure}</Paragraph>
            </Alert>
          )}
          {preview && <PreviewTable preview={preview} />}
          <div className="bk-actions">
            {preview ? (
              <Button onClick={() => void confirm()} loading={busy}>
                {t('Bekreft')}
              </Button>
            ) : (
              <Button onClick={() => void showPreview()} loading={busy}>
                {t('Vis hvilke saker som flyttes')}
              </Button>
            )}
            <Button variant="tertiary" onClick={close}>
              {t('Avbryt')}
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

function PreviewTable({ preview }: { preview: Preview }) {
  if (preview.cases.length === 0) return <Paragraph role="status">{t('Koordinatoren har ingen åpne saker. Ingen saker flyttes.')}</Paragraph>;
  return (
    <div className="bk-table-wrap" role="status">
      <Table zebra>
        <caption>{t('Disse sakene flyttes')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('Sak')}</Table.HeaderCell>
            <Table.HeaderCell>{t('Status')}</Table.HeaderCell>
            <Table.HeaderCell>{t('Hvem har saken etterpå')}</Table.HeaderCell>
            <Table.HeaderCell>{t('Virkning')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {preview.cases.map((c) => (
            <Table.Row key={c.caseId}>
              <Table.Cell>
                <Link asChild>
                  <RouterLink to={`/saker/${c.caseId}`}>{caseRef(c.caseId)}</RouterLink>
                </Link>
              </Table.Cell>
              <Table.Cell>
                <StatusTag status={c.status} />
              </Table.Cell>
              <Table.Cell>{c.holderAfter?.name ?? t('Ingen – havner i arbeidslisten til KE')}</Table.Cell>
              <Table.Cell>{EFFECT_TEXT[c.effect] === undefined ? c.effect : t(EFFECT_TEXT[c.effect])}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
