/**
 * api/case-view.ts: the response schema of the case view accepts every view the state machine
 * produces and keeps all of it, refuses what is not a case view, and documents it in OpenAPI.
 */
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseView } from '../../api/case-view';
import type { CaseView } from '../../workflows/case/messages';
import { DEFAULT_POLICY } from '../../workflows/case/policy';
import { createCase } from '../../workflows/case/state';
import { splitTexts, withTexts } from '../../workflows/case/texts';
import type { CaseState } from '../../workflows/case/types';
import { viewOf } from '../../workflows/case/messages';
import {
  CASE_ID,
  REGISTERED_AT,
  allMetCmd,
  apply,
  appointed,
  consentCmd,
  created,
  deepFreeze,
  heldM1,
  interviewCmd,
  onLeave,
  registered,
  request,
  unbornRequest,
  withGroup,
} from './case-states';

const STATUSES = ['awaiting_consent', 'kartlegging', 'awaiting_decision', 'granted', 'refused', 'complaint_with_statsforvalteren', 'appointed', 'closed'];

const view = (state: CaseState): CaseView => viewOf(state, DEFAULT_POLICY);
/** The view as it crosses Temporal and the projection: JSON, without undefined fields. */
const json = (v: CaseView): CaseView => JSON.parse(JSON.stringify(v));

/** A granted case followed up: kick-off, a leave with a substitute and its task done, the ansvarsgruppe with a held meeting and its minutes, a plan active and evaluated. */
function followedUp(): CaseState {
  let s = apply(appointed(), { type: 'recordKickOff', heldOn: '2026-02-20' }, '2026-02-20T12:00:00.000Z');
  s = onLeave({}, s);
  s = apply(s, { type: 'completeTask', taskId: 't1', doneOn: '2026-03-03' }, '2026-03-03T10:00:00.000Z');
  s = heldM1(withGroup(s));
  s = apply(s, { type: 'recordMinutes', meetingId: 'm1', writtenOn: '2026-07-03' }, '2026-07-03T10:00:00.000Z');
  s = apply(s, { type: 'setIndividualPlanStatus', status: 'active', on: '2026-07-03' }, '2026-07-03T11:00:00.000Z');
  return apply(s, { type: 'setIndividualPlanStatus', status: 'evaluated', on: '2026-07-20' }, '2026-07-20T11:00:00.000Z');
}

/** Kartlegging scheduled, the child not at the interview; refused on condition b, complained about, kept by KE, upheld by Statsforvalteren. */
function complainedUpheld(): CaseState {
  let s = apply(registered(), consentCmd(), '2026-01-10T10:00:00.000Z');
  s = apply(s, { type: 'scheduleKartlegging', scheduledAt: '2026-01-20T09:00:00.000Z' }, '2026-01-12T10:00:00.000Z');
  s = apply(s, { ...interviewCmd, childParticipated: false, childAbsenceReason: 'Barnet var syk.' }, '2026-01-20T10:00:00.000Z');
  s = apply(s, { ...allMetCmd, seriousCondition: { met: false, text: 'Ikke alvorlig nok.' } }, '2026-01-22T12:00:00.000Z');
  s = apply(
    s,
    { type: 'recordDecision', outcome: 'refused', reasons: 'Vilkår b er ikke oppfylt.', offeredInstead: ['coordinated_services', 'ordinary_coordinator'], decidedOn: '2026-02-01' },
    '2026-02-01T13:00:00.000Z',
  );
  s = apply(s, { type: 'registerComplaint', about: 'refusal', receivedOn: '2026-02-10', familyLearnedOn: '2026-02-03' }, '2026-02-10T10:00:00.000Z', ['c1']);
  s = apply(s, { type: 'recordComplaintOutcome', complaintId: 'c1', outcome: 'forwarded_to_statsforvalteren', reasons: 'KE opprettholder.', on: '2026-02-20' }, '2026-02-20T10:00:00.000Z');
  return apply(s, { type: 'recordComplaintOutcome', complaintId: 'c1', outcome: 'upheld_by_statsforvalteren', reasons: 'Stadfestet.', on: '2026-03-20' }, '2026-03-20T10:00:00.000Z');
}

/** Views of the state machine, by what they show. */
const views: [string, () => CaseView][] = [
  ['a freshly registered case, started before tenancy (no municipality)', () => view(registered())],
  [
    'a freshly registered case of a municipality, with a caseworker and a (fake) national id',
    () => view(deepFreeze(created(createCase(CASE_ID, request({ nationalId: '00000000000' }, { caseworkerId: 'sb-1' }), REGISTERED_AT, '0301')).state)),
  ],
  ['an unborn child (the birth deadline has the opaque since "expected")', () => view(registered({ request: unbornRequest('2026-05-01') }))],
  [
    'an unborn child whose birth was registered after the appointment',
    () => view(apply(appointed({ request: unbornRequest('2026-05-01') }), { type: 'registerBirth', birthDate: '2026-04-28' }, '2026-04-29T10:00:00.000Z')),
  ],
  ['a consent partly withdrawn', () => view(apply(apply(registered(), consentCmd(), '2026-01-10T10:00:00.000Z'), { type: 'withdrawConsent', scopes: ['information_sharing'], withdrawnBy: 'Kari Testforelder', on: '2026-01-12' }, '2026-01-12T10:00:00.000Z'))],
  ['a granted and appointed case with kick-off, ansvarsgruppe, meetings, absence and tasks', () => view(followedUp())],
  ['a departure without substitute (reassignment deadline, open tasks)', () => view(onLeave({ kind: 'departure', until: undefined, substituteId: undefined }))],
  ['a case extended past 18', () => view(apply(appointed(), { type: 'extendCase', toAge: 23 }, '2026-03-01T10:00:00.000Z'))],
  [
    'a closed case, with a note',
    () => view(apply(followedUp(), { type: 'closeCase', reason: 'moved_away', on: '2026-08-01', note: 'Familien har flyttet.' }, '2026-08-01T10:00:00.000Z')),
  ],
  ['a refused case whose complaint Statsforvalteren upheld, with every reason (GET /cases/{id})', () => view(complainedUpheld())],
  [
    'the same case as a command answers it: reasons kept apart, so absent',
    () => view(splitTexts(complainedUpheld()).state),
  ],
];

/** Every property path a JSON schema declares, and every one a value has ('[]' for array items). */
const declared = (s: any, at = ''): string[] =>
  s.type === 'array' ? declared(s.items, `${at}[]`) : s.type === 'object' ? Object.entries(s.properties).flatMap(([k, p]) => [`${at}.${k}`, ...declared(p, `${at}.${k}`)]) : [];
const present = (v: unknown, at = ''): string[] =>
  Array.isArray(v)
    ? v.flatMap((x) => present(x, `${at}[]`))
    : v !== null && typeof v === 'object'
      ? Object.entries(v).flatMap(([k, x]) => [`${at}.${k}`, ...present(x, `${at}.${k}`)])
      : [];

describe('the case view schema accepts every view the state machine produces, and keeps all of it', () => {
  test.each(views)('%s', (_what, build) => {
    const v = build();
    expect(caseView.parse(v)).toEqual(v);
    // As the projection holds it: nothing stripped, nothing added.
    expect(caseView.parse(json(v))).toStrictEqual(json(v));
  });

  test('together the views show every field the schema describes, so each is checked against a real view', () => {
    const seen = new Set(views.flatMap(([, build]) => present(json(build()))));
    expect(declared(z.toJSONSchema(caseView)).filter((path) => !seen.has(path))).toEqual([]);
  });

  test('the answer of a command lacks the reasons, GET /cases/{id} puts them back: both are case views', () => {
    const { state, texts } = splitTexts(complainedUpheld());
    const answered = json(view(state));
    expect(answered.decisions[0]).not.toHaveProperty('reasons');
    expect(answered.complaints[0].outcomes[0]).not.toHaveProperty('reasons');
    const read = withTexts(answered, new Map(texts.map((t) => [t.key, t.text])));
    expect(read.decisions[0].reasons).toBe('Vilkår b er ikke oppfylt.');
    expect(caseView.parse(answered)).toStrictEqual(answered);
    expect(caseView.parse(read)).toStrictEqual(read);
  });

  test('every status is accepted', () => {
    for (const status of STATUSES) {
      const v = { ...json(view(registered())), status } as CaseView;
      expect(caseView.parse(v)).toStrictEqual(v);
    }
  });
});

describe('what is not a case view is refused', () => {
  const base = () => json(view(followedUp()));

  test('an unknown status', () => {
    expect(caseView.safeParse({ ...base(), status: 'archived' }).success).toBe(false);
  });

  test('an unknown value deeper in: a deadline kind, a consent scope, a closure reason', () => {
    const v = base();
    expect(caseView.safeParse({ ...v, deadlines: [{ ...v.deadlines[0], kind: 'lunch' }] }).success).toBe(false);
    expect(caseView.safeParse({ ...v, consents: [{ ...v.consents[0], covers: ['everything'] }] }).success).toBe(false);
    expect(caseView.safeParse({ ...v, closure: { reason: 'bored', on: '2026-08-01', letterId: 'l1', recordedAt: '2026-08-01T10:00:00.000Z' } }).success).toBe(false);
  });

  test('a required field missing', () => {
    const { deadlines: _deadlines, ...v } = base();
    expect(caseView.safeParse(v).success).toBe(false);
  });
});

describe('the OpenAPI description', () => {
  test('z.toJSONSchema gives the status enum, descriptions and a whole example that is itself a case view', () => {
    // The schema is named (CaseView), so the document refers to it: the definition is under $defs.
    const document = z.toJSONSchema(caseView, { io: 'output' }) as any;
    expect(document.$ref).toBe('#/$defs/CaseView');
    const schema = document.$defs.CaseView;
    expect(schema.properties.status.enum).toEqual(STATUSES);
    expect(schema.description).toMatch(/barnekoordinator case/);
    expect(schema.properties.deadlines.items.properties.kind.enum).toContain('transition_planning');
    expect(schema.examples).toHaveLength(1);
    const [example] = schema.examples;
    expect(example.request.child.name).toBe('Nora Testbarn');
    expect(example.request.child).not.toHaveProperty('nationalId');
    expect(caseView.parse(example)).toStrictEqual(example);
  });

  describe('served by Fastify with fastify-type-provider-zod and @fastify/swagger, as api/app.ts does', () => {
    let current: unknown;
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);

    beforeAll(async () => {
      await app.register(swagger, { openapi: { openapi: '3.1.0', info: { title: 't', version: '0' } }, transform: jsonSchemaTransform, transformObject: jsonSchemaTransformObject });
      app.get('/cases/:id', { schema: { response: { 200: caseView } } }, async () => current as CaseView);
      await app.ready();
    });
    afterAll(() => app.close());

    test('the example lands in the document as the response example, next to the status enum', () => {
      const doc = app.swagger() as any;
      const media = doc.paths['/cases/{id}'].get.responses['200'].content['application/json'];
      // A named schema is a reference in the route, and one definition among the components.
      expect(media.schema).toEqual({ $ref: '#/components/schemas/CaseView' });
      const named = doc.components.schemas.CaseView;
      expect(named.examples[0]).toEqual((z.toJSONSchema(caseView) as any).$defs.CaseView.examples[0]);
      expect(named.properties.status.enum).toEqual(STATUSES);
      expect(named.properties.request.properties.child.properties.expectedDate.description).toMatch(/Termin/);
    });

    test.each(views)('the serialiser sends %s unchanged', async (_what, build) => {
      current = build();
      const res = await app.inject({ method: 'GET', url: '/cases/x' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toStrictEqual(json(current as CaseView));
    });

    test('the serialiser refuses a view with an unknown status', async () => {
      current = { ...json(view(registered())), status: 'archived' };
      const res = await app.inject({ method: 'GET', url: '/cases/x' });
      expect(res.statusCode).toBe(500);
    });
  });
});
