/**
 * The yearly report as one CSV table for Norwegian Excel: `;` between fields, a UTF-8 BOM so
 * that æ, ø and å come out right, decimal commas, headings and labels in the municipality's
 * målform, and text a spreadsheet would run as a formula (unit names are typed by users) made
 * harmless by csv-stringify's escape_formulas.
 */
import { stringify } from 'csv-stringify/sync';
import { textsFor, type Malform } from '../lib/i18n';
import { nb } from '../lib/i18n/nb';
import type { YearlyReport } from './repositories/overview';

type Metric = keyof typeof nb.report.metric;
type Key = keyof typeof nb.report.key;

export function yearlyReportCsv(r: YearlyReport, malform: Malform): string {
  const t = textsFor(malform);
  const key = (k: Key) => t(`report.key.${k}`);
  const labelOf = (group: 'complaintOutcome' | 'closureReason' | 'sector', k: string | null) =>
    k === null ? t('report.noUnit') : k in nb[group] ? t(`${group}.${k}`) : k;
  const rows: [Metric, string, number | null][] = [
    ['year', '', r.year],
    ['requests_received', key('total'), r.requestsReceived],
    ['decisions', key('granted'), r.decisions.granted],
    ['decisions', key('refused'), r.decisions.refused],
    ['complaints_received', key('total'), r.complaints.received],
    ['complaints_received', key('late'), r.complaints.late],
    ...Object.entries(r.complaints.outcomes).map(([k, v]): [Metric, string, number] => ['complaint_outcomes', labelOf('complaintOutcome', k), v]),
    ['days_to_first_decision', key('cases'), r.daysToFirstDecision.cases],
    ['days_to_first_decision', key('median'), r.daysToFirstDecision.medianDays],
    ['days_to_first_decision', key('p90'), r.daysToFirstDecision.p90Days],
    ['days_to_first_appointment', key('cases'), r.daysToFirstAppointment.cases],
    ['days_to_first_appointment', key('median'), r.daysToFirstAppointment.medianDays],
    ['days_to_first_appointment', key('p90'), r.daysToFirstAppointment.p90Days],
    ['open_at_year_end', key('total'), r.openAtYearEnd.total],
    ...r.openAtYearEnd.byUnit.map((u): [Metric, string, number] => ['open_at_year_end_by_unit', u.name ?? t('report.noUnit'), u.cases]),
    ...r.openAtYearEnd.bySector.map((s): [Metric, string, number] => ['open_at_year_end_by_sector', labelOf('sector', s.sector), s.cases]),
    ['closures', key('total'), r.closures.total],
    ...Object.entries(r.closures.byReason).map(([k, v]): [Metric, string, number] => ['closures_by_reason', labelOf('closureReason', k), v]),
    ['cases_extended', key('total'), r.casesExtended],
  ];
  const header = [t('report.columns.metric'), t('report.columns.key'), t('report.columns.value')];
  return stringify([header, ...rows.map(([metric, k, value]) => [t(`report.metric.${metric}`), k, value])], {
    delimiter: ';',
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: { number: (n) => String(n).replace('.', ',') },
  });
}
