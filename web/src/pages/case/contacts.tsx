/**
 * Where the family's letters go (PUT /cases/{id}/contacts): for each addressee the case has (the
 * consenters, and the child when the letters go to the young person), the fødselsnummer SvarUt
 * sends to the digital mailbox by and the postal address it prints to. An addressee without an
 * address gets the letter by hand, and KE has a task for it. KE only.
 */
import { Button, Fieldset, Paragraph, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, formErrors, type components } from '../../api';
import { useQuery } from '../../hooks/useQuery';
import { t } from '../../i18n';
import type { CaseView } from './allowed';
import { OWN_CONSENT_AGE } from './forms';
import { ageOn, osloToday } from './labels';
import { Section } from './sections';

type Contact = components['schemas']['CaseContact'];

interface Draft {
  nationalId: string;
  address: string;
  postalCode: string;
  city: string;
}

const empty: Draft = { nationalId: '', address: '', postalCode: '', city: '' };
const draftOf = (c: Contact | undefined): Draft =>
  c ? { nationalId: c.nationalId ?? '', address: c.addressLines.join('\n'), postalCode: c.postalCode, city: c.city } : empty;
const key = (name: string) => name.trim().toLocaleLowerCase('nb');
/** A registered address on one line: the street lines, then the postal code and the city. */
const addressOf = (c: Contact) => `${c.addressLines.join(', ')}, ${c.postalCode} ${c.city}`;

/** Who the case's letters can be addressed to: the consenters, and the young person from 16 (to whom they then go); each once. */
export function addresseesOf(view: CaseView): string[] {
  const { birthDate, name } = view.request.child;
  const youngPerson = birthDate !== undefined && ageOn(birthDate, osloToday()) >= OWN_CONSENT_AGE;
  const names = [...view.request.consenters.map((c) => c.name), ...(youngPerson ? [name] : [])];
  return names.filter((n, i) => names.findIndex((m) => key(m) === key(n)) === i);
}

export function Contacts({ caseId, addressees, reason }: { caseId: string; addressees: string[]; reason?: string }) {
  const contacts = useQuery(`contacts:${caseId}`, () =>
    api.GET('/cases/{id}/contacts', { params: { path: { id: caseId }, header: reason ? { 'x-access-reason': reason } : {} } }),
  );
  const [editing, setEditing] = useState(false);
  const known = contacts.data?.contacts ?? [];
  const find = (name: string) => known.find((c) => key(c.name) === key(name));
  return (
    <Section id="bk-contacts" title={t('Adresser for brev')}>
      {contacts.error !== undefined && <ValidationMessage>{formErrors(contacts.error).summary}</ValidationMessage>}
      {contacts.data && !editing && (
        <>
          <ul className="bk-list">
            {addressees.map((name) => {
              const c = find(name);
              return (
                <li key={name}>
                  <Paragraph data-size="sm">
                    <strong>{name}</strong>:{' '}
                    {c
                      ? c.nationalId
                        ? t('{{address}} · fødselsnummer registrert (digital post)', { address: addressOf(c) })
                        : t('{{address}} · bare papirpost', { address: addressOf(c) })
                      : t('ingen adresse registrert, brev må leveres for hånd')}
                  </Paragraph>
                </li>
              );
            })}
          </ul>
          <Button variant="secondary" data-size="sm" onClick={() => setEditing(true)}>
            {t('Endre adresser')}
          </Button>
        </>
      )}
      {contacts.data && editing && (
        <ContactsForm
          caseId={caseId}
          addressees={addressees}
          initial={Object.fromEntries(addressees.map((n) => [n, draftOf(find(n))]))}
          onDone={() => {
            setEditing(false);
            void contacts.reload();
          }}
          onCancel={() => setEditing(false)}
        />
      )}
    </Section>
  );
}

function ContactsForm({ caseId, addressees, initial, onDone, onCancel }: { caseId: string; addressees: string[]; initial: Record<string, Draft>; onDone(): void; onCancel(): void }) {
  const [drafts, setDrafts] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const set = (name: string, field: keyof Draft, value: string) => setDrafts((d) => ({ ...d, [name]: { ...d[name], [field]: value } }));

  async function submit() {
    setErrors({});
    setMessage(undefined);
    // An addressee left without an address is left out: their letters are handed over by hand.
    const given = addressees.filter((n) => drafts[n].address.trim() || drafts[n].postalCode.trim() || drafts[n].city.trim() || drafts[n].nationalId.trim());
    const contacts = given.map((name) => ({
      name,
      nationalId: drafts[name].nationalId.trim() || null,
      addressLines: drafts[name].address.split('\n').map((l) => l.trim()).filter(Boolean),
      postalCode: drafts[name].postalCode.trim(),
      city: drafts[name].city.trim(),
    }));
    setBusy(true);
    try {
      const answer = await api.PUT('/cases/{id}/contacts', { params: { path: { id: caseId } }, body: { contacts } });
      if (answer.data) return onDone();
      const { fields, summary } = formErrors(answer.error);
      // contacts.<i>.<field> from the API, to the addressee's own field.
      const mine: Record<string, string> = {};
      for (const [path, text] of Object.entries(fields)) {
        const [, index, field] = /^contacts\.(\d+)\.?(\w*)/.exec(path) ?? [];
        if (index !== undefined) mine[`${given[Number(index)]}:${field || 'address'}`] = text;
      }
      setErrors(mine);
      setMessage(Object.keys(mine).length > 0 ? t('Noen felt er ikke fylt ut riktig. Se meldingen ved feltet.') : summary);
    } catch {
      setMessage(t('Kunne ikke nå tjenesten. Sjekk nettverket og prøv igjen.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="bk-form"
      aria-label={t('Adresser for brev')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {addressees.map((name) => (
        <Fieldset key={name}>
          <Fieldset.Legend>{name}</Fieldset.Legend>
          <Textfield
            label={t('Fødselsnummer (valgfritt, 11 siffer)')}
            inputMode="numeric"
            autoComplete="off"
            value={drafts[name].nationalId}
            onChange={(e) => set(name, 'nationalId', e.target.value)}
            error={errors[`${name}:nationalId`]}
          />
          <Textfield
            multiline
            rows={2}
            label={t('Adresse (én linje per rad)')}
            value={drafts[name].address}
            onChange={(e) => set(name, 'address', e.target.value)}
            error={errors[`${name}:addressLines`] ?? errors[`${name}:name`] ?? errors[`${name}:address`]}
          />
          <Textfield label={t('Postnummer')} inputMode="numeric" value={drafts[name].postalCode} onChange={(e) => set(name, 'postalCode', e.target.value)} error={errors[`${name}:postalCode`]} />
          <Textfield label={t('Poststed')} value={drafts[name].city} onChange={(e) => set(name, 'city', e.target.value)} error={errors[`${name}:city`]} />
        </Fieldset>
      ))}
      {message && <ValidationMessage role="alert">{message}</ValidationMessage>}
      <div className="bk-buttons">
        <Button type="submit" data-size="sm" disabled={busy}>
          {t('Lagre adresser')}
        </Button>
        <Button type="button" variant="tertiary" data-size="sm" onClick={onCancel}>
          {t('Avbryt')}
        </Button>
      </div>
    </form>
  );
}
