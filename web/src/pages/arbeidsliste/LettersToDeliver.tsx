/** Letters KE must see delivered to the family: by hand, failed in SvarUt, or not delivered in time (issue #17). */
import { Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { type paths } from '../../api';
import { caseName } from '../../components/CaseTable';
import { StatusTag } from '../../components/StatusTag';
import { msg, t } from '../../i18n';
import { formatDateTime } from '../../texts';

type Letter = paths['/ke/worklist']['get']['responses'][200]['content']['application/json']['lettersToDeliver'][number];

const REASON_TEXT: Record<Letter['reason'], string> = {
  by_hand: msg('Skal leveres for hånd'),
  failed: msg('Kunne ikke leveres'),
  not_delivered: msg('Ikke levert innen fristen'),
};

const BY_HAND_TEXT: Record<NonNullable<Letter['byHandReason']>, string> = {
  not_configured: msg('SvarUt er ikke satt opp'),
  no_address: msg('mangler postadresse'),
};

function reasonText(l: Letter) {
  const reason = t(REASON_TEXT[l.reason]);
  return l.byHandReason ? `${reason} (${t(BY_HAND_TEXT[l.byHandReason])})` : reason;
}

export function LettersToDeliver({ letters, truncated }: { letters: Letter[]; truncated: boolean }) {
  return (
    <section aria-labelledby="brev">
      <Heading level={2} data-size="md" id="brev">
        {t('Brev som må leveres ({{count}})', { count: letters.length })}
      </Heading>
      {letters.length === 0 ? (
        <Paragraph>{t('Ingen brev venter på levering.')}</Paragraph>
      ) : (
        <div className="bk-table-wrap">
          <Table zebra>
            <caption className="bk-visually-hidden">{t('Brev til familien som ikke er levert, eldste først')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('Barn')}</Table.HeaderCell>
                <Table.HeaderCell>{t('Brev')}</Table.HeaderCell>
                <Table.HeaderCell>{t('Hvorfor')}</Table.HeaderCell>
                <Table.HeaderCell>{t('Skrevet')}</Table.HeaderCell>
                <Table.HeaderCell>{t('Status i saken')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {letters.map((l) => (
                <Table.Row key={l.letterId}>
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink to={`/saker/${l.caseId}`}>{caseName({ id: l.caseId, child: l.child })}</RouterLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{l.title}</Table.Cell>
                  <Table.Cell>{reasonText(l)}</Table.Cell>
                  <Table.Cell>{formatDateTime(l.writtenAt)}</Table.Cell>
                  <Table.Cell>
                    <StatusTag status={l.caseStatus} />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {truncated && <Paragraph>{t('Listen er kortet ned.')}</Paragraph>}
    </section>
  );
}
