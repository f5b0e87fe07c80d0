/**
 * A coordinator's leave or departure: first a preview of which cases move and to whom, then
 * "Bekreft" records it. Nothing changes until then.
 */
import { Alert, Button, Dialog, Fieldset, Heading, Link, Paragraph, Radio, Table, Textfield } from '@digdir/designsystemet-react';
import { useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { api, callApi, formErrors, type paths } from '../../api';
import { SelectField } from '../../components/SelectField';
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
  substitute_holds: 'Stedfortrederen har saken til fraværet er over',
  substitute_holds_until_reassigned: 'Stedfortrederen har saken til KE oppnevner ny koordinator',
  ke_must_reassign: 'Ingen har saken: KE må oppnevne ny koordinator',
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
    if (fields.until) fields.until = 'Sluttdatoen må være etter første dag, og fraværet kan ikke vare så lenge';
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
      setDone(`Fraværet er registrert. ${cases(data.openCases)} blir oppdatert.`);
      onRecorded();
    } else fail(error);
  };

  return (
    <Dialog ref={dialog} className="bk-dialog-wide" open onClose={onClose} closeButton="Lukk" aria-labelledby="fravaer-tittel">
      <Heading level={2} data-size="sm" id="fravaer-tittel">
        Registrer fravær for {coordinator.name}
      </Heading>
      {done ? (
        <>
          <Alert data-color="success" role="status">
            <Paragraph>{done}</Paragraph>
          </Alert>
          <Button onClick={close}>Lukk</Button>
        </>
      ) : (
        <div className="bk-form">
          <Fieldset>
            <Fieldset.Legend>Type fravær</Fieldset.Legend>
            <Radio label="Permisjon eller sykefravær" name="kind" value="leave" checked={kind === 'leave'} onChange={() => (setKind('leave'), changed())} />
            <Radio label="Slutter i rollen" name="kind" value="departure" checked={kind === 'departure'} onChange={() => (setKind('departure'), changed())} />
          </Fieldset>
          <Textfield label="Fra og med" type="date" value={from} onChange={(e) => (setFrom(e.target.value), changed())} error={errors.from} />
          {kind === 'leave' && <Textfield label="Til og med (valgfritt)" type="date" value={until} onChange={(e) => (setUntil(e.target.value), changed())} error={errors.until} />}
          <SelectField
            label="Stedfortreder (valgfritt)"
            emptyText="Ingen – KE oppnevner ny"
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
                Bekreft
              </Button>
            ) : (
              <Button onClick={() => void showPreview()} loading={busy}>
                Vis hvilke saker som flyttes
              </Button>
            )}
            <Button variant="tertiary" onClick={close}>
              Avbryt
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

function PreviewTable({ preview }: { preview: Preview }) {
  if (preview.cases.length === 0) return <Paragraph role="status">Koordinatoren har ingen åpne saker. Ingen saker flyttes.</Paragraph>;
  return (
    <div className="bk-table-wrap" role="status">
      <Table zebra>
        <caption>Disse sakene flyttes</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>Sak</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Hvem har saken etterpå</Table.HeaderCell>
            <Table.HeaderCell>Virkning</Table.HeaderCell>
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
              <Table.Cell>{c.holderAfter?.name ?? 'Ingen – havner i arbeidslisten til KE'}</Table.Cell>
              <Table.Cell>{EFFECT_TEXT[c.effect] ?? c.effect}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
