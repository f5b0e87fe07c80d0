/** The yearly report as one CSV table (RFC 4180): metric,key,value — for spreadsheets. */
import type { YearlyReport } from './repositories/overview';

export const NO_UNIT = '(ingen enhet)';

/**
 * Quotes a field when it needs it, and defuses text a spreadsheet would run as a formula
 * (unit names are typed by users).
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function yearlyReportCsv(r: YearlyReport): string {
  const rows: [string, string, number | null][] = [
    ['year', '', r.year],
    ['requests_received', 'total', r.requestsReceived],
    ['decisions', 'granted', r.decisions.granted],
    ['decisions', 'refused', r.decisions.refused],
    ['complaints_received', 'total', r.complaints.received],
    ['complaints_received', 'late', r.complaints.late],
    ...Object.entries(r.complaints.outcomes).map(([k, v]): [string, string, number] => ['complaint_outcomes', k, v]),
    ['days_to_first_decision', 'cases', r.daysToFirstDecision.cases],
    ['days_to_first_decision', 'median', r.daysToFirstDecision.medianDays],
    ['days_to_first_decision', 'p90', r.daysToFirstDecision.p90Days],
    ['days_to_first_appointment', 'cases', r.daysToFirstAppointment.cases],
    ['days_to_first_appointment', 'median', r.daysToFirstAppointment.medianDays],
    ['days_to_first_appointment', 'p90', r.daysToFirstAppointment.p90Days],
    ['open_at_year_end', 'total', r.openAtYearEnd.total],
    ...r.openAtYearEnd.byUnit.map((u): [string, string, number] => ['open_at_year_end_by_unit', u.name ?? NO_UNIT, u.cases]),
    ...r.openAtYearEnd.bySector.map((s): [string, string, number] => ['open_at_year_end_by_sector', s.sector ?? NO_UNIT, s.cases]),
    ['closures', 'total', r.closures.total],
    ...Object.entries(r.closures.byReason).map(([k, v]): [string, string, number] => ['closures_by_reason', k, v]),
    ['cases_extended', 'total', r.casesExtended],
  ];
  return ['metric,key,value', ...rows.map((row) => row.map(csvField).join(','))].join('\r\n') + '\r\n';
}
