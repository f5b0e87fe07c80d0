/**
 * The SvarUt adapter (lib/national/svarut.ts) against the fake SvarUt and the fake Maskinporten
 * (test/fakes), over HTTP: a letter goes out as one forsendelse with its PDF, recipient, print
 * settings, eksternReferanse and confidentiality marks; a retry after a lost answer (a 5xx after
 * SvarUt stored it, a timeout) sends nothing more; statuses are polled to LEST, a reserved
 * recipient's letter goes to print, a stuck one stays MOTTATT; 4xx fail permanently, 5xx and
 * timeouts retryably.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { NationalServiceError, PermanentError, RetryableError } from '../../lib/national/errors';
import { SVARUT_STATUSES, mapSvarUtStatus, type OutgoingLetter, type SvarUtClient } from '../../lib/national/svarut';
import { startNationalFakes, type NationalFakes } from '../fakes/national';
import { SCRIPTS } from '../fakes/svarut';

let f: NationalFakes;
let svarut: SvarUtClient;
beforeAll(async () => {
  f = await startNationalFakes();
  svarut = f.svarutClient();
});
afterAll(async () => {
  await f.close();
});

const PDF = Buffer.from('%PDF-1.7\n% a letter\n%%EOF\n');
/** A made-up national id, new for each test. */
const nationalId = () => String(randomInt(10_000_000_000, 99_999_999_999));

function letter(over: Partial<OutgoingLetter> = {}): OutgoingLetter {
  return {
    letterId: randomUUID(),
    title: 'Vedtak om barnekoordinator',
    pdf: PDF,
    filename: 'vedtak.pdf',
    recipient: { name: 'Áŋŋá Čáhppes', nationalId: nationalId(), address: { lines: ['Storgata 1'], postalCode: '9990', city: 'Testvik' } },
    confidential: true,
    kind: 'decision',
    ...over,
  };
}

/** Sends as the activity would: again after every retryable failure, at most `attempts` times. */
async function sendWithRetries(l: OutgoingLetter, attempts = 6) {
  const failures: NationalServiceError[] = [];
  for (let i = 1; ; i++) {
    try {
      return { ...(await svarut.send(l)), failures };
    } catch (err) {
      if (!(err instanceof RetryableError) || i === attempts) throw err;
      failures.push(err);
    }
  }
}

test('when a letter is sent, then SvarUt holds one forsendelse with the PDF, the recipient, print settings, eksternReferanse and the confidentiality marks', async () => {
  const l = letter();
  const sent = await svarut.send(l);
  expect(sent.alreadySent).toBe(false);
  const [stored] = f.svarut.byEksternReferanse(l.letterId);
  expect(stored.id).toBe(sent.forsendelseId);
  expect(stored.metadata).toMatchObject({
    tittel: 'Vedtak om barnekoordinator',
    eksternReferanse: l.letterId,
    forsendelsestype: 'decision',
    avgivendeSystem: 'barnekoordinator',
    kunDigitalLevering: false,
    taushetsbelagtPost: true,
    mottaker: { navn: 'Áŋŋá Čáhppes', digitalId: l.recipient.nationalId, adresselinje1: 'Storgata 1', postnummer: '9990', poststed: 'Testvik' },
    utskriftskonfigurasjon: { utskriftMedFarger: false, tosidig: true },
    dokumenter: [{ filnavn: 'vedtak.pdf', mimeType: 'application/pdf', inneholderPersonsensitivInformasjon: true }],
  });
  expect(stored.documents).toHaveLength(1);
  expect(stored.documents[0]).toMatchObject({ name: 'filer_0', filename: 'vedtak.pdf', contentType: 'application/pdf' });
  expect(Buffer.compare(stored.documents[0].bytes, PDF)).toBe(0);
});

test('when the same letter is sent again, then nothing is sent and the first forsendelse comes back', async () => {
  const l = letter();
  const first = await svarut.send(l);
  const sendsBefore = f.svarut.requests.send;
  expect(await svarut.send(l)).toEqual({ forsendelseId: first.forsendelseId, alreadySent: true });
  expect(f.svarut.requests.send).toBe(sendsBefore);
  expect(f.svarut.byEksternReferanse(l.letterId)).toHaveLength(1);
});

test('when SvarUt stores the forsendelse but its answer is a 502, then the retry finds it and sends nothing: one forsendelse', async () => {
  const l = letter();
  f.svarut.faults.push({ route: 'send', status: 502, afterWork: true });
  const result = await sendWithRetries(l);
  expect(result.failures.map((e) => e.status)).toEqual([502]);
  expect(result.alreadySent).toBe(true);
  expect(f.svarut.byEksternReferanse(l.letterId).map((s) => s.id)).toEqual([result.forsendelseId]);
});

test('when SvarUt stores the forsendelse but answers after the timeout, then the attempt fails as retryable and the retry sends nothing: one forsendelse', async () => {
  const l = letter();
  f.svarut.faults.push({ route: 'send', delayMs: 3_000, afterWork: true });
  const result = await sendWithRetries(l);
  expect(result.failures).toHaveLength(1);
  expect(result.failures[0].message).toMatch(/no answer within 2000 ms/);
  expect(f.svarut.byEksternReferanse(l.letterId).map((s) => s.id)).toEqual([result.forsendelseId]);
});

test('when SvarUt answers a burst of 5xx to lookups and sends, then the letter goes out once when it recovers', async () => {
  const l = letter();
  f.svarut.faults.push({ route: 'eksternref', status: 503 }, { route: 'send', status: 500 }, { route: 'eksternref', status: 504 }, { route: 'send', status: 503, afterWork: true });
  const result = await sendWithRetries(l);
  // Lookup 503; lookup 504; lookup, send 500; lookup, send stored but 503; lookup finds it.
  expect(result.failures.map((e) => [e.operation, e.status])).toEqual([
    ['eksternref', 503],
    ['eksternref', 504],
    ['send', 500],
    ['send', 503],
  ]);
  expect(result.alreadySent).toBe(true);
  expect(f.svarut.byEksternReferanse(l.letterId)).toHaveLength(1);
  // A lookup that fails never leads to a blind send.
  expect(f.svarut.faults).toEqual([]);
});

test('when a letter to a person with a digital mailbox is polled, then it goes MOTTATT, AKSEPTERT, VARSLET to LEST, with the time of each change', async () => {
  const { forsendelseId } = await svarut.send(letter());
  const receivedAt = f.svarut.now();
  const seen: string[] = [];
  let status = await svarut.status(forsendelseId);
  while (!status.final) {
    if (seen.at(-1) !== status.svarutStatus) seen.push(status.svarutStatus);
    f.svarut.advance(1_000);
    status = await svarut.status(forsendelseId);
  }
  seen.push(status.svarutStatus);
  expect(seen).toEqual(['MOTTATT', 'AKSEPTERT', 'VARSLET', 'LEST']);
  expect(status).toMatchObject({ state: 'read', final: true, changedAt: new Date(receivedAt + 60_000).toISOString() });
});

test('when the recipient is reserved, then SvarUt sends the letter to print; when the letter is to go by post, no digital id is sent', async () => {
  const reserved = letter();
  f.svarut.recipients.set(reserved.recipient.nationalId!, SCRIPTS.print);
  const byPost = letter({ printOnly: true });
  const ids = [(await svarut.send(reserved)).forsendelseId, (await svarut.send(byPost)).forsendelseId];
  expect((f.svarut.byEksternReferanse(byPost.letterId)[0].metadata.mottaker as Record<string, unknown>).digitalId).toBeUndefined();
  f.svarut.advance(2_000);
  const statuses = await svarut.statuses(ids);
  expect(statuses.map((s) => [s.svarutStatus, s.state, s.final])).toEqual([
    ['SENDT_PRINT', 'sent_to_print', false],
    ['SENDT_PRINT', 'sent_to_print', false],
  ]);
});

test('when a letter notified digitally is not read, then SvarUt prints it days later and the state moves from delivered digitally to sent to print', async () => {
  const unread = letter();
  f.svarut.recipients.set(unread.recipient.nationalId!, SCRIPTS.unread);
  const { forsendelseId } = await svarut.send(unread);
  f.svarut.advance(2_000);
  expect(await svarut.status(forsendelseId)).toMatchObject({ svarutStatus: 'VARSLET', state: 'delivered_digitally', final: false });
  f.svarut.advance(3 * 24 * 3_600_000);
  expect(await svarut.status(forsendelseId)).toMatchObject({ svarutStatus: 'SENDT_PRINT', state: 'sent_to_print', final: false });
  f.svarut.advance(24 * 3_600_000);
  expect(await svarut.status(forsendelseId)).toMatchObject({ svarutStatus: 'PRINTET', state: 'sent_to_print', final: true });
});

test('when a forsendelse never leaves MOTTATT, then its state stays accepted and not final, however long it is polled', async () => {
  const stuck = letter();
  f.svarut.recipients.set(stuck.recipient.nationalId!, SCRIPTS.stuck);
  const { forsendelseId } = await svarut.send(stuck);
  f.svarut.advance(30 * 24 * 3_600_000);
  expect(await svarut.status(forsendelseId)).toMatchObject({ svarutStatus: 'MOTTATT', state: 'accepted', final: false });
});

test('when SvarUt refuses a request (no postal address, wrong integration password, another konto, unknown forsendelse), then the error is permanent', async () => {
  const noAddress = letter({ recipient: { name: 'Per Testforelder', nationalId: nationalId(), address: { lines: [], postalCode: '', city: '' } } });
  await expect(svarut.send(noAddress)).rejects.toMatchObject({ status: 400, code: 'VALIDERING', retryable: false });
  expect(f.svarut.byEksternReferanse(noAddress.letterId)).toHaveLength(0);

  // A 401 renews the token and tries once more before giving up.
  const issued = f.maskinporten.issued;
  const wrongPassword = f.svarutClient({ integrasjonPassord: 'feil' });
  const err = await wrongPassword.send(letter()).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(PermanentError);
  expect(err).toMatchObject({ status: 401, service: 'svarut', operation: 'eksternref' });
  expect(f.maskinporten.issued).toBe(issued + 1);

  await expect(f.svarutClient({ kontoId: randomUUID() }).send(letter())).rejects.toMatchObject({ status: 403, retryable: false });
  await expect(svarut.status(randomUUID())).rejects.toBeInstanceOf(PermanentError);
});

test('when an error is raised, then its message names the service, the operation and the status, and no national id or name', async () => {
  const l = letter();
  f.svarut.faults.push({ route: 'eksternref', status: 503 });
  const err = (await svarut.send(l).catch((e: unknown) => e)) as Error;
  expect(err.message).toBe('svarut eksternref: answered 503');
  expect(JSON.stringify({ ...err, message: err.message })).not.toContain(l.recipient.nationalId);
  expect(err.message).not.toContain('Áŋŋá');
});

test('when SvarUt reports any of its statuses, then each maps to a delivery state, and only LEST, PRINTET, AVVIST, IKKE_LEVERT and MANUELT_HANDTERT are final', () => {
  const mapped = Object.fromEntries(SVARUT_STATUSES.map((s) => [s, mapSvarUtStatus(s)]));
  expect(mapped).toEqual({
    MOTTATT: { state: 'accepted', final: false },
    AKSEPTERT: { state: 'accepted', final: false },
    AVVIST: { state: 'failed', final: true },
    VARSLET: { state: 'delivered_digitally', final: false },
    LEST: { state: 'read', final: true },
    SENDT_PRINT: { state: 'sent_to_print', final: false },
    PRINTET: { state: 'sent_to_print', final: true },
    MANUELT_HANDTERT: { state: 'failed', final: true },
    SENDT_DIGITALT: { state: 'delivered_digitally', final: false },
    SENDT_SDP: { state: 'delivered_digitally', final: false },
    LEVERT_SDP: { state: 'delivered_digitally', final: false },
    KLAR_FOR_MOTTAK: { state: 'accepted', final: false },
    IKKE_LEVERT: { state: 'failed', final: true },
  });
  expect(mapSvarUtStatus('EN_NY_STATUS')).toEqual({ state: 'accepted', final: false });
});
