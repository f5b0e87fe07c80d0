/** KE's overview: the worklist of deadlines, caseload per coordinator and unit, the yearly report. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDaysToDate, osloDateOf, osloMidnight } from '../../workflows/case/dates';
import { yearlyReportCsv } from '../report-csv';
import { scopeOf } from '../plugins/auth';
import { LIST_REASON } from './cases';
import { caseload, worklist, worklistQuery, yearlyReport, yearlyReportQuery } from '../schemas';

const overviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ke/worklist',
    {
      config: { access: { roles: ['ke'] } },
      schema: {
        tags: ['overview'],
        operationId: 'getWorklist', summary: 'Everything overdue or due within N days across all open cases, the cases without a coordinator, and the letters KE must see delivered',
        description:
          'One row per open deadline, earliest first; `overdue` when its time has passed. `casesWithoutCoordinator` lists granted cases ' +
          'not yet appointed and appointed cases whose coordinator left or is on leave without a substitute, whatever their due date. ' +
          "No names or other personal data, unless withChild=true: then each row carries its case's child, and each case shown is written to its " +
          "access log as read with the reason 'liste', once per case, caller and Oslo day.",
        querystring: worklistQuery,
        response: { 200: worklist },
      },
    },
    async (request) => {
      const { dueWithinDays, responsible, kind, limit, withChild } = request.query;
      const asOf = new Date();
      // To the end of the Oslo day N days from today, so "within 7 days" covers all of day 7.
      const until = new Date(osloMidnight(addDaysToDate(osloDateOf(asOf), dueWithinDays + 1)));
      const { municipality } = scopeOf(request);
      // Letters are KE's to see delivered, whatever the due date: filtered out only when the
      // reader asks for one kind of deadline or for someone else's.
      const withLetters = kind === undefined && (responsible === undefined || responsible === 'ke');
      const [deadlines, without, letters] = await Promise.all([
        app.overview.worklistDeadlines({ municipality, asOf, until, responsible, kind, limit }),
        app.overview.casesWithoutCoordinator(municipality, asOf, limit),
        withLetters ? app.overview.lettersToDeliver(municipality, limit) : { rows: [], truncated: false },
      ]);
      const answer = {
        asOf: asOf.toISOString(),
        until: until.toISOString(),
        deadlines: deadlines.rows,
        casesWithoutCoordinator: without.rows,
        lettersToDeliver: letters.rows,
        truncated: { deadlines: deadlines.truncated, casesWithoutCoordinator: without.truncated, lettersToDeliver: letters.truncated },
      };
      if (withChild !== 'true') return answer;
      // The child's name makes each case shown a read of it, in its access log (as GET /cases?withChild=true).
      const caseIds = [...new Set([...deadlines.rows, ...without.rows, ...letters.rows].map((r) => r.caseId))];
      const children = await app.cases.children(municipality, caseIds);
      await app.logListedReads(request, [...children.keys()], LIST_REASON);
      const named = <T extends { caseId: string }>(rows: T[]) => rows.map((r) => ({ ...r, child: children.get(r.caseId) }));
      return {
        ...answer,
        deadlines: named(deadlines.rows),
        casesWithoutCoordinator: named(without.rows),
        lettersToDeliver: named(letters.rows),
      };
    },
  );

  app.get(
    '/ke/caseload',
    {
      config: { access: { roles: ['ke', 'leader'] } },
      schema: {
        tags: ['overview'],
        operationId: 'getCaseload', summary: 'Open cases per coordinator (appointed and substituting) and per unit, including those with none',
        response: { 200: caseload },
      },
    },
    async (request) => app.overview.caseload(scopeOf(request).municipality),
  );

  app.get(
    '/ke/reports/yearly',
    {
      config: { access: { roles: ['ke', 'leader'] } },
      schema: {
        tags: ['overview'],
        operationId: 'getYearlyReport', summary: 'Yearly figures for the sector heads: JSON, or CSV with Accept: text/csv or format=csv',
        description:
          'Requests, decisions, complaints, days from request to first decision and first appointment (median, 90th percentile), ' +
          'open cases at year end by unit and sector, closures by reason, extensions past 18. ' +
          'The CSV is one table with the header `Indikator;Kategori;Verdi`, labelled in the municipality\'s målform.',
        querystring: yearlyReportQuery,
        response: {
          200: {
            description: 'The report',
            content: {
              'application/json': { schema: yearlyReport },
              'text/csv': { schema: z.string().describe("Indikator;Kategori;Verdi rows in the municipality's målform, for Norwegian Excel: ';' between fields, a UTF-8 BOM, decimal commas, CRLF line ends") },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { year, format } = request.query;
      const report = await app.overview.yearlyReport(scopeOf(request).municipality, year);
      const wantsCsv = format ? format === 'csv' : request.accepts().type(['application/json', 'text/csv']) === 'text/csv';
      if (!wantsCsv) return reply.type('application/json; charset=utf-8').send(report);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="ke-arsrapport-${year}.csv"`)
        .send(yearlyReportCsv(report, (await app.municipalities.settings(scopeOf(request).municipality)).malform));
    },
  );
};

export default overviewRoutes;
