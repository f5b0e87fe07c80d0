import { Link, Table } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import type { paths } from '../api';
import { t } from '../i18n';
import { caseRef, formatDate, formatDateTime } from '../texts';
import { StatusTag } from './StatusTag';

export type CaseSummary = paths['/cases']['get']['responses'][200]['content']['application/json']['cases'][number];

export type ListedChild = NonNullable<CaseSummary['child']>;

/** A date YYYY-MM-DD as dd.mm.åååå, the way a birth date is written and searched for. */
export const numericDate = (value: string) => value.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3.$2.$1');

/**
 * A case in a list: the child's name and birth date (or termin) when the list gives them
 * (withChild=true), else the case's reference.
 */
export function caseName(c: { id: string; child?: ListedChild }): string {
  const child = c.child;
  if (!child?.name) return caseRef(c.id);
  if (child.birthDate) return t('{{name}} (født {{date}})', { name: child.name, date: numericDate(child.birthDate) });
  if (child.expectedDate) return t('{{name}} (termin {{date}})', { name: child.name, date: numericDate(child.expectedDate) });
  return child.name;
}

export interface CaseTableProps {
  cases: CaseSummary[];
  caption: string;
  /** Without it, no unit column. */
  unitName?: (id: string | null) => string;
  /** The coordinator column's heading and text; without it, no such column. */
  coordinator?: { header: string; text(id: string | null): string };
}

export function CaseTable({ cases, caption, unitName, coordinator }: CaseTableProps) {
  return (
    <div className="bk-table-wrap">
      <Table zebra>
        <caption className="bk-visually-hidden">{caption}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('Barn')}</Table.HeaderCell>
            <Table.HeaderCell>{t('Status')}</Table.HeaderCell>
            <Table.HeaderCell>{t('Mottatt')}</Table.HeaderCell>
            {unitName && <Table.HeaderCell>{t('Tjenestested')}</Table.HeaderCell>}
            {coordinator && <Table.HeaderCell>{coordinator.header}</Table.HeaderCell>}
            <Table.HeaderCell>{t('Neste frist')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {cases.map((c) => (
            <Table.Row key={c.id}>
              <Table.Cell>
                <Link asChild>
                  <RouterLink to={`/saker/${c.id}`}>{caseName(c)}</RouterLink>
                </Link>
              </Table.Cell>
              <Table.Cell>
                <StatusTag status={c.status} />
              </Table.Cell>
              <Table.Cell>{formatDate(c.receivedOn)}</Table.Cell>
              {unitName && <Table.Cell>{unitName(c.unitId)}</Table.Cell>}
              {coordinator && <Table.Cell>{coordinator.text(c.coordinatorId)}</Table.Cell>}
              <Table.Cell>{formatDateTime(c.nextDeadline)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
