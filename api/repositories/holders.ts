/**
 * Who holds a case today, in SQL over the case projection (the cases table): the one place the
 * access check, the case lists and a coordinator's inbox ask it. Access follows the work (Normen:
 * tjenstlig behov): the appointed coordinator holds the case, and so does the substitute while
 * there is one. From the first day of a departure, or of a leave with a substitute, the appointed
 * coordinator does not (the projection keeps the absence in its view until the leave ends or KE
 * reassigns the case, and access returns with the end of the leave).
 */

/** Today's date in Oslo, as PostgreSQL computes it: the day an absence takes effect from. */
const OSLO_TODAY = "(now() AT TIME ZONE 'Europe/Oslo')::date";

/** Whether the appointed coordinator of the case row `c` has handed it over today (departed, or on leave with a substitute). */
export const handedOver = (c: string) =>
  `coalesce((${c}.view #>> '{absence,from}')::date <= ${OSLO_TODAY} AND (${c}.view #>> '{absence,kind}' = 'departure' OR ${c}.substitute_id IS NOT NULL), false)`;

/** Whether the coordinator `coordinator` (an SQL uuid expression) holds the case row `c` today. */
export const holds = (c: string, coordinator: string) =>
  `(${c}.substitute_id = ${coordinator} OR (${c}.coordinator_id = ${coordinator} AND NOT ${handedOver(c)}))`;
