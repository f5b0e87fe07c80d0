/**
 * Hostile dates (test/helpers/hostile-dates.ts) at every date and time field of every command:
 * every answer a 2xx or a 4xx naming the field or its rule, the case consistent after each.
 */
import { expectTouchedCasesSound, runField, touched, useServices } from '../helpers/hostile-dates';
import { FIELDS } from '../helpers/hostile-date-fields';

useServices();

describe('hostile dates', () => {
  test.each(FIELDS.map((f, i) => [f.name, f, i] as const))('when %s gets boundary and random dates, then every answer is a 2xx or a 4xx naming it, and the case stays consistent', async (_name, field, i) => {
    await runField(field, i);
  }, 60_000);

  test('when the hostile dates are over, then every case they reached takes an ordinary command, or is closed, and its projection and workflow agree', async () => {
    // Dates of its own first (consents givenOn, on a case of its own), so that the check has a case
    // to check when this test runs alone (-t).
    const consents = FIELDS.findIndex((f) => f.name === 'consents givenOn');
    await runField(FIELDS[consents], consents);
    expect(touched.size).toBeGreaterThan(0);
    await expectTouchedCasesSound();
  }, 60_000);
});
