/**
 * KE's table of users and their roles (GET/PUT/DELETE /ke/users): who may sign in here with which
 * roles when the service takes roles from this table rather than from the identity provider
 * (AUTH_ROLES_SOURCE=table, for Ansattporten). It is listed whatever the source: KE sees what the
 * table holds, and a change to it applies at once (the user's open sessions end).
 */
import { Alert, Button, Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useRef, useState, type FormEvent } from 'react';
import { api, formErrors, type components } from '../api';
import { QueryState } from '../components/QueryState';
import { usePageTitle } from '../hooks/usePageTitle';
import { useQuery } from '../hooks/useQuery';
import { msg, t } from '../i18n';
import { useSession } from '../session';
import { ROLE_TEXT, formatDateTime } from '../texts';
import { CheckboxGroup, type Option } from './case/fields';

type User = components['schemas']['UserRoles'];
type AssignableRole = User['roles'][number];

const ROLE_OPTIONS: Option<AssignableRole>[] = [
  { value: 'ke', label: ROLE_TEXT.ke, description: msg('Saksbehandler i koordinerende enhet: alle saker i kommunen') },
  { value: 'coordinator', label: ROLE_TEXT.coordinator, description: msg('Egne saker og saker der personen er stedfortreder') },
  { value: 'leader', label: ROLE_TEXT.leader, description: msg('Saksmengde og årsrapport, ingen saksopplysninger') },
];

/** The options in the person's målform, made while rendering. */
const roleOptions = (): Option<AssignableRole>[] => ROLE_OPTIONS.map((o) => ({ ...o, label: t(o.label), description: o.description === undefined ? undefined : t(o.description) }));

/** The roles in the order the form lists them, whatever order they were ticked in. */
const inOrder = (roles: AssignableRole[]) => ROLE_OPTIONS.map((o) => o.value).filter((r) => roles.includes(r));

const rolesText = (roles: readonly string[]) => roles.map((r) => (ROLE_TEXT[r] === undefined ? r : t(ROLE_TEXT[r]))).join(', ');

export function Brukere() {
  usePageTitle(t('Brukere'));
  const { session } = useSession();
  const users = useQuery('users', () => api.GET('/ke/users'));
  const [subject, setSubject] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<AssignableRole[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const subjectInput = useRef<HTMLInputElement>(null);
  const list = users.data?.users ?? [];
  const existing = list.find((u) => u.subject === subject.trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const local: Record<string, string> = {};
    if (!subject.trim()) local.subject = t('Skriv brukerens innloggings-ID');
    if (roles.length === 0) local.roles = t('Velg minst én rolle');
    if (Object.keys(local).length > 0) return setErrors(local);
    setSending(true);
    const { data, error } = await api.PUT('/ke/users/{subject}', { params: { path: { subject: subject.trim() } }, body: { name, roles } });
    setSending(false);
    if (data) {
      setErrors({});
      setSubject('');
      setName('');
      setRoles([]);
      setMessage({ ok: true, text: t('{{name}} har nå rollene {{roles}}.', { name: data.name, roles: rolesText(data.roles).toLowerCase() }) });
      await users.reload();
      return;
    }
    const { fields, summary } = formErrors(error);
    const byField: Record<string, string> = {};
    for (const [field, text] of Object.entries(fields)) {
      if (field === 'params.subject') byField.subject = t('Bruk 1–200 bokstaver, tall og . _ - @ : |');
      else byField[field.split('.')[0]] = text;
    }
    setErrors(byField);
    if (Object.keys(byField).length === 0) setMessage({ ok: false, text: summary });
  };

  const edit = (user: User) => {
    setSubject(user.subject);
    setName(user.name);
    setRoles([...user.roles]);
    setErrors({});
    setMessage(null);
    subjectInput.current?.focus();
  };

  const remove = async (user: User) => {
    setMessage(null);
    const { error, response } = await api.DELETE('/ke/users/{subject}', { params: { path: { subject: user.subject } } });
    setRemoving(null);
    if (response.ok) {
      setMessage({ ok: true, text: t('{{name}} har ikke lenger noen roller her.', { name: user.name }) });
      await users.reload();
    } else setMessage({ ok: false, text: formErrors(error).summary });
  };

  return (
    <>
      <Heading level={1} data-size="lg">
        {t('Brukere')}
      </Heading>
      <Paragraph>
        {t(
          'Hvem som kan logge inn i kommune {{municipality}}, og med hvilke roller. Tabellen gjelder når tjenesten henter rollene herfra i stedet for fra innloggingen (for eksempel med Ansattporten, som ikke sender roller). En endring gjelder med en gang: brukeren logges ut og får de nye rollene ved neste innlogging.',
          { municipality: session.municipality ?? '' },
        )}
      </Paragraph>
      <QueryState loading={users.loading && !users.data} error={users.error} what={t('brukerne')} />
      {message && (
        <Alert data-color={message.ok ? 'success' : 'danger'} role={message.ok ? 'status' : 'alert'}>
          <Paragraph>{message.text}</Paragraph>
        </Alert>
      )}
      {users.data && list.length === 0 && <Paragraph>{t('Ingen brukere har roller i tabellen ennå.')}</Paragraph>}
      {list.length > 0 && (
        <div className="bk-table-wrap">
          <Table zebra>
            <caption className="bk-visually-hidden">{t('Brukere og rollene deres')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('Navn')}</Table.HeaderCell>
                <Table.HeaderCell>{t('Innloggings-ID')}</Table.HeaderCell>
                <Table.HeaderCell>{t('Roller')}</Table.HeaderCell>
                <Table.HeaderCell>{t('Sist endret')}</Table.HeaderCell>
                <Table.HeaderCell>
                  <span className="bk-visually-hidden">{t('Handlinger')}</span>
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {list.map((u) => (
                <Table.Row key={u.subject}>
                  <Table.Cell>{u.name}</Table.Cell>
                  <Table.Cell>
                    <code>{u.subject}</code>
                  </Table.Cell>
                  <Table.Cell>{rolesText(u.roles)}</Table.Cell>
                  <Table.Cell>
                    {formatDateTime(u.updatedAt)} <span className="bk-muted">{t('av {{user}}', { user: u.updatedBy })}</span>
                  </Table.Cell>
                  <Table.Cell>
                    <div className="bk-row-actions">
                      <Button variant="secondary" data-size="sm" onClick={() => edit(u)} aria-label={t('Endre rollene til {{name}}', { name: u.name })}>
                        {t('Endre')}
                      </Button>
                      {removing === u.subject ? (
                        <>
                          <Button data-color="danger" data-size="sm" onClick={() => void remove(u)} aria-label={t('Bekreft: fjern alle rollene til {{name}}', { name: u.name })}>
                            {t('Bekreft fjerning')}
                          </Button>
                          <Button variant="tertiary" data-size="sm" onClick={() => setRemoving(null)}>
                            {t('Avbryt')}
                          </Button>
                        </>
                      ) : (
                        <Button variant="tertiary" data-color="danger" data-size="sm" onClick={() => setRemoving(u.subject)} aria-label={t('Fjern rollene til {{name}}', { name: u.name })}>
                          {t('Fjern')}
                        </Button>
                      )}
                    </div>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <form className="bk-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="gi-roller">
        <Heading level={2} data-size="sm" id="gi-roller">
          {existing ? t('Endre rollene til {{name}}', { name: existing.name }) : t('Gi en bruker roller')}
        </Heading>
        <Textfield
          ref={subjectInput}
          label={t('Innloggings-ID')}
          // The claim's name is the protocol's word in both målformer.
          description={t('Brukerens ID hos identitetsleverandøren ({{claim}}), slik den står i innloggingen.', { claim: 'subject' })}
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
          error={errors.subject}
          autoComplete="off"
        />
        <Textfield label={t('Navn')} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} autoComplete="off" />
        <CheckboxGroup legend={t('Roller')} options={roleOptions()} value={roles} onChange={(chosen) => setRoles(inOrder(chosen))} error={errors.roles} />
        <div className="bk-actions">
          <Button type="submit" loading={sending}>
            {existing ? t('Lagre rollene') : t('Gi roller')}
          </Button>
        </div>
      </form>
    </>
  );
}
