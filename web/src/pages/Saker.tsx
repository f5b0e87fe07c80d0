/** KE's list of the municipality's cases: filters, a search on the child's name or birth date, pages. */
import { Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api, type paths } from '../api';
import { CaseTable } from '../components/CaseTable';
import { Pager } from '../components/Pager';
import { QueryState } from '../components/QueryState';
import { SelectField } from '../components/SelectField';
import { usePageTitle } from '../hooks/usePageTitle';
import { POLL_MS, useQuery } from '../hooks/useQuery';
import { useRegistry } from '../hooks/useRegistry';
import { t } from '../i18n';
import { STATUS_TEXT, cases as casesText } from '../texts';

const LIMIT = 25;
type CaseQuery = NonNullable<paths['/cases']['get']['parameters']['query']>;

/** What was typed in the search field: a birth date (dd.mm.åååå or åååå-mm-dd) or part of a name. */
export function searchTerms(text: string): { q?: string; birthDate?: string } {
  const typed = text.trim();
  if (!typed) return {};
  const norwegian = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(typed);
  if (norwegian) return { birthDate: `${norwegian[3]}-${norwegian[2].padStart(2, '0')}-${norwegian[1].padStart(2, '0')}` };
  if (/^\d{4}-\d{2}-\d{2}$/.test(typed)) return { birthDate: typed };
  return { q: typed };
}

export function Saker() {
  usePageTitle(t('Saker'));
  const registry = useRegistry();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const unitId = params.get('enhet') ?? '';
  const coordinatorId = params.get('koordinator') ?? '';
  const search = params.get('sok') ?? '';
  const offset = Math.max(0, Number(params.get('fra')) || 0);
  const [searchText, setSearchText] = useState(search);
  const [searchError, setSearchError] = useState<string | undefined>(undefined);

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) if (value) next.set(key, value); else next.delete(key);
    if (!('fra' in changes)) next.delete('fra');
    setParams(next);
  };

  // withChild: the rows name the child (each case shown is then in its access log, once a day).
  const query = {
    status: status || undefined,
    unitId: unitId || undefined,
    coordinatorId: coordinatorId || undefined,
    limit: LIMIT,
    offset,
    withChild: 'true',
    ...searchTerms(search),
  };
  const cases = useQuery(`cases:${JSON.stringify(query)}`, () => api.GET('/cases', { params: { query: query as CaseQuery } }), { pollMs: POLL_MS });

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    const terms = searchTerms(searchText);
    if (terms.q !== undefined && terms.q.length < 2) {
      setSearchError(t('Skriv minst to bokstaver av navnet, eller en fødselsdato'));
      return;
    }
    setSearchError(undefined);
    update({ sok: searchText.trim() });
  };

  return (
    <>
      <Heading level={1} data-size="lg">
        {t('Saker')}
      </Heading>
      <form role="search" className="bk-row" onSubmit={onSearch}>
        <Textfield label={t('Søk på barnets navn eller fødselsdato')} description={t('Fødselsdato som dd.mm.åååå')} type="search" value={searchText} onChange={(e) => setSearchText(e.target.value)} error={searchError} />
        <Button type="submit" variant="secondary">
          {t('Søk')}
        </Button>
        {search && (
          <Button
            variant="tertiary"
            onClick={() => {
              setSearchText('');
              update({ sok: '' });
            }}
          >
            {t('Tøm søket')}
          </Button>
        )}
      </form>
      <div className="bk-filters" role="group" aria-label={t('Filtre')}>
        <SelectField label={t('Status')} emptyText={t('Alle')} value={status} onChange={(e) => update({ status: e.target.value })} options={Object.entries(STATUS_TEXT).map(([value, text]) => ({ value, text: t(text) }))} />
        <SelectField label={t('Tjenestested')} emptyText={t('Alle')} value={unitId} onChange={(e) => update({ enhet: e.target.value })} options={registry.units.map((u) => ({ value: u.id, text: u.name }))} />
        <SelectField
          label={t('Koordinator')}
          emptyText={t('Alle')}
          value={coordinatorId}
          onChange={(e) => update({ koordinator: e.target.value })}
          options={registry.coordinators.map((c) => ({ value: c.id, text: c.name }))}
        />
      </div>
      <QueryState loading={cases.loading && !cases.data} error={cases.error} what={t('sakene')} />
      {cases.data && (
        <>
          <Paragraph aria-live="polite">
            {cases.data.total === 0 ? t('Ingen saker passer.') : casesText(cases.data.total)}
          </Paragraph>
          {cases.data.cases.length > 0 && <CaseTable cases={cases.data.cases} caption={t('Saker, nyeste først')} unitName={registry.unitName} coordinator={{ header: t('Koordinator'), text: registry.coordinatorName }} />}
          <Pager total={cases.data.total} limit={LIMIT} offset={offset} onOffset={(o) => update({ fra: o ? String(o) : '' })} />
        </>
      )}
    </>
  );
}
