/** The case state machine (workflows/case/state.ts), pure: appointment, statusSince, the closed case, sequence numbers and immutability. */
import type { CaseCommand } from '../../workflows/case/commands';
import { transition } from '../../workflows/case/state';
import type { CaseState } from '../../workflows/case/types';
import { REGISTERED_AT, accepted, allMetCmd, appointCmd, ctx, deepFreeze, grantCmd, interviewCmd, refusal, registered, unmet } from './case-states';
import { AT, appointed, complained, complaintCmd, consentCmd, consented, forwarded, granted, mapped, oneUnmetCmd, refuseCmd, refused, run } from './state-steps';

describe('appointment', () => {
  test('when a granted case with consent gets a coordinator, then it is appointed', () => {
    const at = '2026-02-15T10:00:00.000Z';
    const result = accepted(transition(granted(), appointCmd(), ctx(at)));
    expect(result.state.status).toBe('appointed');
    expect(result.state.appointment).toEqual({ unitId: 'unit-1', coordinatorId: 'coord-1', appointedOn: '2026-02-15', recordedAt: at });
    expect(result.event).toEqual({ type: 'CoordinatorAppointed', at, data: { unitId: 'unit-1', coordinatorId: 'coord-1', appointedOn: '2026-02-15' } });
    // law-appointment-letter: the family is told who it is.
    expect(result.letter).toEqual({ id: 'id-1', kind: 'appointment' });
  });

  test('when a refused case gets a coordinator, then it is refused naming the status', () => {
    expect(refusal(transition(refused(), appointCmd(), ctx(AT)))).toBe('an appointment requires a granted decision, but the case is refused');
  });

  test('when a case still in kartlegging gets a coordinator, then it is refused naming the status', () => {
    expect(refusal(transition(consented(), appointCmd(), ctx(AT)))).toBe('an appointment requires a granted decision, but the case is kartlegging');
  });

  test('when a case with a complaint at Statsforvalteren gets a coordinator, then it is refused naming the status', () => {
    expect(refusal(transition(forwarded(), appointCmd(), ctx(AT)))).toBe(
      'an appointment requires a granted decision, but the case is complaint_with_statsforvalteren',
    );
  });

  test('when an appointed case gets the same coordinator again, then it is refused', () => {
    expect(refusal(transition(appointed(), appointCmd(), ctx(AT)))).toBe('this coordinator is already appointed');
  });

  test('when an appointed case gets another coordinator, then it is a change of coordinator with tasks to tell the collaborators and the family', () => {
    const result = accepted(transition(appointed(), { ...appointCmd(), coordinatorId: 'coord-2' }, ctx(AT)));
    expect(result.event.type).toBe('CoordinatorChanged');
    expect(result.state.appointment?.coordinatorId).toBe('coord-2');
    expect(result.state.tasks.map((t) => t.kind)).toEqual(['inform_collaborators', 'inform_family']);
  });
});

describe('statusSince: when the case entered its current status', () => {
  test('when a case goes through every step, then statusSince is the instant of each status change and stays put between them', () => {
    const steps: [CaseCommand, string, string, string][] = [
      // command, its instant, status after, statusSince after
      [consentCmd(), '2026-01-08T10:00:00.000Z', 'kartlegging', '2026-01-08T10:00:00.000Z'],
      [{ type: 'scheduleKartlegging', scheduledAt: '2026-01-20T09:00:00.000Z' }, '2026-01-09T10:00:00.000Z', 'kartlegging', '2026-01-08T10:00:00.000Z'],
      [interviewCmd, '2026-01-20T10:00:00.000Z', 'kartlegging', '2026-01-08T10:00:00.000Z'],
      [oneUnmetCmd, '2026-01-22T10:00:00.000Z', 'awaiting_decision', '2026-01-22T10:00:00.000Z'],
      [{ ...oneUnmetCmd, longTermCoordinatedNeeds: unmet('Kortvarig.') }, '2026-01-23T10:00:00.000Z', 'awaiting_decision', '2026-01-22T10:00:00.000Z'],
      [refuseCmd, '2026-02-01T13:00:00.000Z', 'refused', '2026-02-01T13:00:00.000Z'],
      [complaintCmd(), '2026-02-10T10:00:00.000Z', 'refused', '2026-02-01T13:00:00.000Z'],
      [{ type: 'recordComplaintOutcome', complaintId: 'id-c', outcome: 'forwarded_to_statsforvalteren', reasons: 'KE opprettholder.', on: '2026-02-20' }, '2026-02-20T10:00:00.000Z', 'complaint_with_statsforvalteren', '2026-02-20T10:00:00.000Z'],
      [{ type: 'recordComplaintOutcome', complaintId: 'id-c', outcome: 'upheld_by_statsforvalteren', reasons: 'Stadfestet.', on: '2026-03-20' }, '2026-03-20T10:00:00.000Z', 'refused', '2026-03-20T10:00:00.000Z'],
    ];
    let state = registered();
    expect(state.statusSince).toBe(REGISTERED_AT);
    for (const [command, at, status, since] of steps) {
      state = deepFreeze(accepted(transition(state, command, { ...ctx(at), newId: () => 'id-c' })).state);
      expect([command.type, state.status, state.statusSince]).toEqual([command.type, status, since]);
    }
  });

  test('when a refusal is overturned and a coordinator appointed, then statusSince is the overturn and then the appointment instant', () => {
    const overturnedAt = '2026-03-20T10:00:00.000Z';
    const over = accepted(
      transition(forwarded(), { type: 'recordComplaintOutcome', complaintId: 'id-c', outcome: 'overturned_by_statsforvalteren', reasons: 'Omgjort.', on: '2026-03-20' }, ctx(overturnedAt)),
    );
    expect(over.state.status).toBe('granted');
    expect(over.state.statusSince).toBe(overturnedAt);
    const appointedAt = '2026-03-25T10:00:00.000Z';
    const result = accepted(transition(deepFreeze(over.state), { ...appointCmd(), appointedOn: '2026-03-25' }, ctx(appointedAt)));
    expect(result.state.statusSince).toBe(appointedAt);
  });

  test('when a command is refused, then statusSince is untouched', () => {
    const state = consented();
    expect(transition(state, grantCmd, ctx('2026-01-30T10:00:00.000Z')).ok).toBe(false);
    expect(state.statusSince).toBe(AT);
  });
});

describe('a closed case', () => {
  const closed = (): CaseState => deepFreeze({ ...appointed(), status: 'closed' });

  const commands: CaseCommand[] = [
    consentCmd(),
    { type: 'withdrawConsent', scopes: ['appointment'], withdrawnBy: 'Per Testforelder', on: '2026-03-01' },
    { type: 'scheduleKartlegging', scheduledAt: '2026-03-01T09:00:00.000Z' },
    interviewCmd,
    allMetCmd,
    grantCmd,
    complaintCmd({ about: 'right_not_fulfilled' }),
    { type: 'recordComplaintOutcome', complaintId: 'id-c', outcome: 'reversed_by_ke', reasons: 'x', on: '2026-03-01' },
    appointCmd(),
  ];

  // Under the rules before law-complaint-after-closure, complaints too; since, a closed case takes
  // a complaint about its closure (law-rules.test.ts).
  test.each(commands.map((c) => [c.type, c] as const))('when %s is sent to a closed case, then it is refused: the case is closed', (_type, command) => {
    const before = { ...ctx(AT), applies: () => false };
    expect(refusal(transition(closed(), command, before))).toBe('the case is closed');
    if (command.type !== 'registerComplaint' && command.type !== 'recordComplaintOutcome') expect(refusal(transition(closed(), command, ctx(AT)))).toBe('the case is closed');
  });
});

describe('sequence numbers and immutability', () => {
  test('when every step of a case is accepted in turn, then seq rises by exactly one per command', () => {
    const steps: CaseCommand[] = [consentCmd(), { type: 'scheduleKartlegging', scheduledAt: '2026-01-20T09:00:00.000Z' }, interviewCmd, oneUnmetCmd, refuseCmd];
    let state = registered();
    const seqs = [state.seq];
    for (const step of steps) {
      state = deepFreeze(accepted(transition(state, step, ctx(AT))).state);
      seqs.push(state.seq);
    }
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('when a command is refused, then the state keeps its seq and the next accepted command gets seq + 1', () => {
    const state = consented();
    expect(state.seq).toBe(2);
    const snapshot = structuredClone(state);
    expect(transition(state, grantCmd, ctx(AT)).ok).toBe(false);
    expect(state).toEqual(snapshot);
    expect(accepted(transition(state, interviewCmd, ctx(AT))).state.seq).toBe(3);
  });

  test('when a refusal is produced, then it carries only the message and no state or event', () => {
    expect(transition(registered(), appointCmd(), ctx(AT))).toEqual({ ok: false, message: 'an appointment requires a granted decision, but the case is awaiting_consent' });
  });

  // Each pair: a state and a command that it accepts; the input must come out unchanged.
  const cases: [string, () => CaseState, CaseCommand][] = [
    ['recordConsent', registered, consentCmd()],
    ['withdrawConsent', () => mapped(), { type: 'withdrawConsent', scopes: ['appointment', 'information_sharing'], withdrawnBy: 'Per Testforelder', on: '2026-01-25' }],
    ['scheduleKartlegging', () => consented(), { type: 'scheduleKartlegging', scheduledAt: '2026-01-20T09:00:00.000Z' }],
    ['recordInterview', () => run(consented(), [allMetCmd]), interviewCmd],
    ['recordAssessment', () => run(consented(), [interviewCmd]), allMetCmd],
    ['recordDecision', () => mapped(), grantCmd],
    ['registerComplaint', refused, complaintCmd()],
    ['recordComplaintOutcome', complained, { type: 'recordComplaintOutcome', complaintId: 'id-c', outcome: 'reversed_by_ke', reasons: 'Omgjort.', on: '2026-02-25' }],
    ['appoint', granted, appointCmd()],
  ];

  test.each(cases)('when %s is applied, then the input state is not mutated (deep-frozen input, equal to a clone afterwards) and seq rises by one', (_name, make, command) => {
    const state = make();
    expect(Object.isFrozen(state)).toBe(true);
    const snapshot = structuredClone(state);
    const result = accepted(transition(state, command, ctx(AT)));
    expect(state).toEqual(snapshot);
    expect(result.state).not.toBe(state);
    expect(result.state.seq).toBe(state.seq + 1);
  });
});
