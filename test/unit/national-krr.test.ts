/**
 * The KRR adapter (lib/national/krr.ts) against the fake Kontakt- og reservasjonsregisteret and
 * the fake Maskinporten (test/fakes), over HTTP: reservation, registration, digital mailbox and
 * preferred language come back for each person; many persons go in one request; bad ids are
 * refused before any request; 5xx is retryable.
 */
import { randomInt } from 'node:crypto';
import { PermanentError, RetryableError } from '../../lib/national/errors';
import { startNationalFakes, type NationalFakes } from '../fakes/national';

let f: NationalFakes;
beforeAll(async () => {
  f = await startNationalFakes();
});
afterAll(async () => {
  await f.close();
});

const nationalId = () => String(randomInt(10_000_000_000, 99_999_999_999));

test('when a person with a digital mailbox who prefers nynorsk is looked up, then they are not reserved and the mailbox and language come back', async () => {
  const id = nationalId();
  f.krr.persons.set(id, { reservasjon: 'NEI', spraak: 'nn', digitalPost: { postkasseadresse: 'aase.testesen#1ABC', postkasseleverandoeradresse: '984661185' } });
  expect(await f.krrClient.lookup(id)).toEqual({
    reserved: false,
    registered: true,
    digitalPostAddress: { mailbox: 'aase.testesen#1ABC', provider: '984661185' },
    language: 'nn',
  });
});

test('when a reserved person is looked up, then reserved is true; when someone is not in the register, then neither reserved nor registered', async () => {
  const reserved = nationalId();
  f.krr.persons.set(reserved, { reservasjon: 'JA', spraak: 'NB' });
  expect(await f.krrClient.lookup(reserved)).toEqual({ reserved: true, registered: true, language: 'nb' });
  expect(await f.krrClient.lookup(nationalId())).toEqual({ reserved: false, registered: false });
});

test('when several persons are looked up, then one request answers for all of them', async () => {
  const ids = [nationalId(), nationalId(), nationalId()];
  f.krr.persons.set(ids[0], { reservasjon: 'NEI', spraak: 'en' });
  f.krr.persons.set(ids[1], { reservasjon: 'JA' });
  const before = f.krr.requests;
  const found = await f.krrClient.lookupMany([...ids, ids[0]]);
  expect(f.krr.requests).toBe(before + 1);
  expect(ids.map((id) => found.get(id))).toEqual([
    { reserved: false, registered: true, language: 'en' },
    { reserved: true, registered: true },
    { reserved: false, registered: false },
  ]);
});

test('when an id is not 11 digits, then the lookup is refused before any request; when KRR answers 5xx, then the error is retryable', async () => {
  const before = f.krr.requests;
  await expect(f.krrClient.lookup('1234')).rejects.toBeInstanceOf(PermanentError);
  await expect(f.krrClient.lookupMany(Array.from({ length: 1001 }, nationalId))).rejects.toThrow(/more than 1000/);
  expect(f.krr.requests).toBe(before);

  f.krr.failNext(1, 502);
  const id = nationalId();
  const err = await f.krrClient.lookup(id).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(RetryableError);
  expect((err as Error).message).toBe('krr personer: answered 502 (server_error)');
  expect((err as Error).message).not.toContain(id);
  expect(await f.krrClient.lookup(id)).toEqual({ reserved: false, registered: false });
});
