/**
 * GET /cases/{id} reads the case beside the access check (route config `prefetch`). Its answer is
 * never older than the state the check saw: a prefetched case of an older version is read again.
 * The interleaving (a change committed between the two reads) is forced by handing the route an
 * older copy of the real case on its first read.
 */
import { newCase } from '../helpers/cases';
import { call } from '../helpers/http';
import { startServices, type Services } from '../helpers/services';
import { OTHER_MUNICIPALITY, bearer } from '../helpers/auth';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});
afterEach(() => {
  jest.restoreAllMocks();
});

test('when the case is read, then it is read once, beside the access check, and answered as it is', async () => {
  const id = await newCase(s.app);
  const find = jest.spyOn(s.app.cases, 'find');
  const res = await call(s.app, 'GET', `/cases/${id}`);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ id, version: 1, status: 'awaiting_consent' });
  expect(find).toHaveBeenCalledTimes(1);
});

test('when the prefetched case is older than the version the access check saw, then the case is read again and the newer one answered', async () => {
  const id = await newCase(s.app);
  const current = (await call(s.app, 'GET', `/cases/${id}`)).body;
  const real = s.app.cases.find.bind(s.app.cases);
  const find = jest.spyOn(s.app.cases, 'find').mockImplementationOnce(async (caseId) => {
    const view = await real(caseId);
    return view && { ...view, version: view.version - 1, request: { ...view.request, reasons: 'Eldre utgave av saken.' } };
  });
  const res = await call(s.app, 'GET', `/cases/${id}`);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ id, version: current.version, request: { reasons: current.request.reasons } });
  expect(res.headers.etag).toBe(`"${current.version}"`);
  expect(find).toHaveBeenCalledTimes(2);
});

test('when a caller of another municipality asks, then 404 answers and nothing of the prefetched case is in it', async () => {
  const id = await newCase(s.app);
  const res = await call(s.app, 'GET', `/cases/${id}`, undefined, await bearer({ roles: ['ke'], municipality: OTHER_MUNICIPALITY }));
  expect(res.status).toBe(404);
  expect(JSON.stringify(res.body)).not.toContain('Testbarn');
});
