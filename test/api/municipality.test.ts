/**
 * The municipality register (issue #16): each administrator keeps their own municipality's entry,
 * every change is kept with who and when, a stale If-Match is refused, bad input changes
 * nothing, and what the entry says reaches new cases (the policy) and the CSV report (the
 * målform). Municipalities 4602–4605 are this file's own: other suites work in 4601, whose
 * cases must keep the test policy.
 */
import { startServices, type Services } from '../helpers/services';
import { call } from '../helpers/http';
import { bearer } from '../helpers/auth';
import { caseRequest } from '../helpers/fixtures';
import { parse } from 'csv-parse/sync';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(() => s.close());

const NYNORSK = '4602';
const OTHER = '4603';
const admin = (municipality: string) => bearer({ roles: ['admin'], sub: `admin-${municipality}`, municipality });
const ke = (municipality: string) => bearer({ roles: ['ke'], sub: `ke-${municipality}`, municipality });

const settings = {
  name: 'Fjordvik kommune',
  kePostalAddress: 'Koordinerande eining, Postboks 10, 5401 Fjordvik',
  keVisitingAddress: 'Rådhusgata 1, Fjordvik',
  keEmail: 'ke@fjordvik.kommune.no',
  kePhone: '+47 53 00 00 00',
  letterheadName: 'Fjordvik kommune – koordinerande eining',
  letterheadLogo: 'data:image/png;base64,iVBORw0KGgo=',
  malform: 'nn',
  complaintAddress: 'Koordinerande eining, Postboks 10, 5401 Fjordvik',
  casePolicy: { consentDays: 3 },
};

describe('the register entry', () => {
  test('when a municipality has no entry, then its administrator sees the deployment defaults at version 0', async () => {
    const res = await call(s.app, 'GET', '/admin/municipality', undefined, await admin(OTHER));
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"0"');
    expect(res.body).toMatchObject({ number: OTHER, version: 0, updatedBy: 'environment', malform: 'nb', casePolicy: s.policy });
  });

  test('when the settings are bad, then 400 names the field and nothing changes', async () => {
    const bad: [string, Record<string, unknown>, RegExp][] = [
      ['malform', { malform: 'nynorsk' }, /body\.malform/],
      ['e-mail', { keEmail: 'ikke en adresse' }, /body\.keEmail/],
      ['phone', { kePhone: '12' }, /body\.kePhone/],
      ['logo', { letterheadLogo: 'https://example.com/logo.png' }, /body\.letterheadLogo/],
      ['unknown policy', { casePolicy: { coffeeDays: 2 } }, /body\.casePolicy/],
      ['negative days', { casePolicy: { consentDays: -1 } }, /body\.casePolicy\.consentDays/],
      ['empty name', { name: '  ' }, /body\.name/],
      ['unknown field', { colour: 'blue' }, /colour/],
    ];
    for (const [what, change, names] of bad) {
      const res = await call(s.app, 'PUT', '/admin/municipality', { ...settings, ...change }, await admin('4605'));
      expect({ what, status: res.status, detail: res.body.detail }).toEqual({ what, status: 400, detail: expect.stringMatching(names) });
    }
    const after = await call(s.app, 'GET', '/admin/municipality', undefined, await admin('4605'));
    expect(after.body.version).toBe(0);
    expect((await call(s.app, 'GET', '/admin/municipality/changes', undefined, await admin('4605'))).body.changes).toEqual([]);
  });

  test('when the administrator saves the settings, then they are the entry, the change is kept with who and when, and a stale If-Match is refused', async () => {
    const saved = await call(s.app, 'PUT', '/admin/municipality', settings, { ...(await admin(NYNORSK)), 'if-match': '"0"' });
    expect(saved.status).toBe(200);
    expect(saved.headers.etag).toBe('"1"');
    expect(saved.body).toMatchObject({ ...settings, number: NYNORSK, version: 1, updatedBy: `admin-${NYNORSK}`, casePolicy: { ...s.policy, consentDays: 3 } });

    const read = await call(s.app, 'GET', '/admin/municipality', undefined, await admin(NYNORSK));
    expect(read.body).toEqual(saved.body);

    // Someone who read version 0 cannot overwrite version 1 unknowingly.
    const stale = await call(s.app, 'PUT', '/admin/municipality', { ...settings, name: 'Feil kommune' }, { ...(await admin(NYNORSK)), 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    expect(stale.body.detail).toMatch(/version 1/);

    const second = await call(s.app, 'PUT', '/admin/municipality', { ...settings, kePhone: null }, { ...(await admin(NYNORSK)), 'if-match': '"1"' });
    expect(second.body).toMatchObject({ version: 2, kePhone: null });

    const changes = await call(s.app, 'GET', '/admin/municipality/changes', undefined, await admin(NYNORSK));
    expect(changes.body.changes.map((c: { version: number; changedBy: string; settings: { kePhone: string | null } }) => [c.version, c.changedBy, c.settings.kePhone])).toEqual([
      [2, `admin-${NYNORSK}`, null],
      [1, `admin-${NYNORSK}`, settings.kePhone],
    ]);
    for (const c of changes.body.changes) expect(Date.parse(c.changedAt)).not.toBeNaN();
  });

  test("when another municipality's administrator looks, then they see their own entry and never the other's", async () => {
    const res = await call(s.app, 'GET', '/admin/municipality', undefined, await admin(OTHER));
    expect(res.body.number).toBe(OTHER);
    expect(res.body.name).not.toBe(settings.name);
    expect(JSON.stringify((await call(s.app, 'GET', '/admin/municipality/changes', undefined, await admin(OTHER))).body)).not.toContain('Fjordvik');
  });

  test('when KE asks who it works for, then it gets the name, målform and contact, and the settings stay the administrator’s', async () => {
    const mine = await call(s.app, 'GET', '/municipality', undefined, await ke(NYNORSK));
    expect(mine.body).toEqual({ number: NYNORSK, name: settings.name, malform: 'nn', kePostalAddress: settings.kePostalAddress, keEmail: settings.keEmail, kePhone: null });
    expect((await call(s.app, 'GET', '/admin/municipality', undefined, await ke(NYNORSK))).status).toBe(403);
    expect((await call(s.app, 'PUT', '/admin/municipality', settings, await ke(NYNORSK))).status).toBe(403);
  });

  test('when the entry is created from the environment twice, then it is created once', async () => {
    expect(await s.app.municipalities.ensure('4604')).toBe(true);
    expect(await s.app.municipalities.ensure('4604')).toBe(false);
    const changes = await s.app.municipalities.changes('4604');
    expect(changes.map((c) => [c.version, c.changedBy])).toEqual([[1, 'environment']]);
  });
});

describe('what the entry governs', () => {
  test("when a case is registered, then it takes its municipality's deadlines, and a municipality without an entry the deployment's", async () => {
    const consentDays = async (municipality: string) => {
      const res = await call(s.app, 'POST', '/cases', caseRequest(), await ke(municipality));
      expect(res.status).toBe(201);
      const consent = res.body.deadlines.find((d: { kind: string }) => d.kind === 'consent');
      return (Date.parse(consent.dueAt) - Date.parse(consent.since)) / 86_400_000;
    };
    expect(await consentDays(NYNORSK)).toBe(3);
    expect(await consentDays(OTHER)).toBe(s.policy.consentDays);
  });

  test('when a nynorsk municipality takes out its yearly report as CSV, then headings and labels are nynorsk', async () => {
    const res = await call(s.app, 'GET', '/ke/reports/yearly?year=2011&format=csv', undefined, await ke(NYNORSK));
    expect(res.status).toBe(200);
    const rows: string[][] = parse(res.body, { bom: true, delimiter: ';' });
    expect(rows[0]).toEqual(['Indikator', 'Kategori', 'Verdi']);
    expect(rows).toContainEqual(['Førespurnader mottekne', 'i alt', '0']);
    expect(rows).toContainEqual(['Avgjerder', 'tilstått', '0']);
    expect(rows).toContainEqual(['Utfall av klagar', 'stadfesta av Statsforvaltaren', '0']);
    expect(rows).toContainEqual(['Avslutningar etter grunn', 'barnet døydde', '0']);
  });
});
