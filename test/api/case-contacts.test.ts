/**
 * Where a case's letters go (PUT/GET /cases/{id}/contacts, issue #17): KE records each
 * addressee's national identity number and postal address; the list is replaced as a whole; a
 * name that is neither the child nor a consenter, a bad postnummer or identity number, or a name
 * given twice is refused naming the field, and changes nothing; only KE of the case's municipality
 * reads or writes it. (test/delivery/* send letters to contacts recorded here.)
 */
import { OTHER_MUNICIPALITY, bearer } from '../helpers/auth';
import { newCase } from '../helpers/cases';
import { call } from '../helpers/http';
import { startServices, type Services } from '../helpers/services';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(() => s.close());

const parent = { name: 'Per Testforelder', nationalId: '01017012345', addressLines: ['Storgata 1', 'Leilighet H0201'], postalCode: '9990', city: 'Testvik' };

test('when KE records where the letters go, then the case has it, and a second recording replaces the first', async () => {
  const id = await newCase(s.app);
  expect((await call(s.app, 'GET', `/cases/${id}/contacts`)).body).toEqual({ contacts: [] });

  const put = await call(s.app, 'PUT', `/cases/${id}/contacts`, { contacts: [parent] });
  expect(put.status).toBe(200);
  expect(put.body.contacts).toEqual([{ ...parent, updatedAt: expect.any(String) }]);
  expect((await call(s.app, 'GET', `/cases/${id}/contacts`)).body).toEqual(put.body);

  // The young person (the child of the case) may be an addressee too; without a national id, post only.
  const child = { name: 'Nora Testbarn', nationalId: null, addressLines: ['Skolevegen 2'], postalCode: '9991', city: 'Testvik' };
  const replaced = await call(s.app, 'PUT', `/cases/${id}/contacts`, { contacts: [child] });
  expect(replaced.status).toBe(200);
  expect(replaced.body.contacts).toEqual([{ ...child, updatedAt: expect.any(String) }]);
});

test.each([
  ['a stranger', { ...parent, name: 'Ola Fremmed' }, 'contacts[0].name: "Ola Fremmed" is neither the child nor a consenter of the case'],
  ['a postnummer of three digits', { ...parent, postalCode: '999' }, 'postalCode'],
  ['a national id of ten digits', { ...parent, nationalId: '0101701234' }, 'nationalId'],
  ['no address line', { ...parent, addressLines: [] }, 'addressLines'],
  ['an unknown field', { ...parent, phone: '99999999' }, 'phone'],
])('when KE gives %s, then 400 names it and the contacts stay as they were', async (_what, bad, named) => {
  const id = await newCase(s.app);
  await call(s.app, 'PUT', `/cases/${id}/contacts`, { contacts: [parent] });
  const before = (await call(s.app, 'GET', `/cases/${id}/contacts`)).body;
  const res = await call(s.app, 'PUT', `/cases/${id}/contacts`, { contacts: [bad] });
  expect(res.status).toBe(400);
  expect(res.body.detail).toContain(named);
  expect((await call(s.app, 'GET', `/cases/${id}/contacts`)).body).toEqual(before);
});

test('when the same addressee is given twice, then 400 says so and nothing is recorded', async () => {
  const id = await newCase(s.app);
  const res = await call(s.app, 'PUT', `/cases/${id}/contacts`, { contacts: [parent, { ...parent, name: ' per testforelder ', city: 'Annenby' }] });
  expect(res.status).toBe(400);
  expect(res.body.detail).toContain('contacts[1].name');
  expect((await call(s.app, 'GET', `/cases/${id}/contacts`)).body).toEqual({ contacts: [] });
});

test('when a coordinator, or KE of another municipality, asks, then they neither read nor write the contacts', async () => {
  const id = await newCase(s.app);
  await call(s.app, 'PUT', `/cases/${id}/contacts`, { contacts: [parent] });
  const coordinator = await bearer({ roles: ['coordinator'], sub: 'koordinator-kontakter' });
  expect((await call(s.app, 'GET', `/cases/${id}/contacts`, undefined, coordinator)).status).toBe(403);
  expect((await call(s.app, 'PUT', `/cases/${id}/contacts`, { contacts: [] }, coordinator)).status).toBe(403);
  const elsewhere = await bearer({ roles: ['ke'], sub: 'ke-annen-kommune', municipality: OTHER_MUNICIPALITY });
  expect((await call(s.app, 'GET', `/cases/${id}/contacts`, undefined, elsewhere)).status).toBe(404);
  expect((await call(s.app, 'PUT', `/cases/${id}/contacts`, { contacts: [] }, elsewhere)).status).toBe(404);
  expect((await call(s.app, 'GET', `/cases/${id}/contacts`)).body.contacts).toHaveLength(1);
});
