import { Link, Table } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import type { paths } from '../api';
import { caseRef, formatDate, formatDateTime } from '../texts';
import { StatusTag } from './StatusTag';

export type CaseSummary = paths['/cases']['get']['responses'][200]['content']['application/json']['cases'][number];

/** A case in a list; the child's name when the API gives it (the search does), else the case's reference. */
export function caseName(c: { id: string } & Record<string, unknown>): string {
  const child = c.child as { name?: string } | undefined;
  const name = (c.childName as string | undefined) ?? child?.name;
  return name || caseRef(c.id);
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
            <Table.HeaderCell>Barn</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Mottatt</Table.HeaderCell>
            {unitName && <Table.HeaderCell>Tjenestested</Table.HeaderCell>}
            {coordinator && <Table.HeaderCell>{coordinator.header}</Table.HeaderCell>}
            <Table.HeaderCell>Neste frist</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {cases.map((c) => (
            <Table.Row key={c.id}>
              <Table.Cell>
                <Link asChild>
                  <RouterLink to={`/saker/${c.id}`}>{caseName(c as CaseSummary & Record<string, unknown>)}</RouterLink>
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
