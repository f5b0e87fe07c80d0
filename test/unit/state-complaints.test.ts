/** The case state machine (workflows/case/state.ts), pure: complaints and their outcomes. */
import type { CaseCommand } from '../../workflows/case/commands';
import { latestDecision } from '../../workflows/case/rules';
import { transition } from '../../workflows/case/state';
import type { CaseState } from '../../workflows/case/types';
import { accepted, ctx, deepFreeze, refusal } from './case-states';
import { AT, afterReversal, complained, complaintCmd, forwarded, granted, mapped, refused, run, setupCtx } from './state-steps';

describe('complaints', () => {
  test('when a complaint arrives before any decision, then it is refused', () => {
    expect(refusal(transition(mapped(), complaintCmd({ about: 'right_not_fulfilled' }), ctx(AT)))).toBe('a complaint requires a written decision');
  });

  test('when a complaint about refusal arrives on a granted case, then it is refused', () => {
    expect(refusal(transition(granted(), complaintCmd({ about: 'refusal' }), ctx(AT)))).toBe('the decision was not a refusal');
  });

  test('when a complaint that the right is not fulfilled arrives on a granted case, then it is registered and the status is unchanged', () => {
    const result = accepted(transition(granted(), complaintCmd({ about: 'right_not_fulfilled' }), ctx(AT)));
    expect(result.state.status).toBe('granted');
    expect(result.state.complaints[0].about).toBe('right_not_fulfilled');
  });

  test('when a complaint about refusal arrives within the deadline, then it is registered as received, not late, learned on the decision date', () => {
    const result = accepted(transition(refused(), complaintCmd({ receivedOn: '2026-02-10' }), ctx(AT)));
    expect(result.state.status).toBe('refused');
    expect(result.state.complaints).toEqual([
      { id: 'id-1', about: 'refusal', receivedOn: '2026-02-10', familyLearnedOn: '2026-02-01', late: false, status: 'received', outcomes: [] },
    ]);
    expect(result.event).toEqual({
      type: 'ComplaintReceived',
      at: AT,
      data: { complaintId: 'id-1', about: 'refusal', receivedOn: '2026-02-10', late: false },
    });
    expect(result.letter).toBeUndefined();
  });

  test('when a complaint arrives exactly 28 days after the decision, then it is not late', () => {
    // decidedOn 2026-02-01 + 28 days = 2026-03-01
    expect(accepted(transition(refused(), complaintCmd({ receivedOn: '2026-03-01' }), ctx(AT))).state.complaints[0].late).toBe(false);
  });

  test('when the 28 days end on a Sunday and the complaint arrives on the Monday after, then it is not late (law-complaint-deadline-working-day); a day later it is', () => {
    // 2026-03-01 is a Sunday: the deadline runs to Monday 2026-03-02.
    expect(accepted(transition(refused(), complaintCmd({ receivedOn: '2026-03-02' }), ctx(AT))).state.complaints[0].late).toBe(false);
    const before = accepted(transition(refused(), complaintCmd({ receivedOn: '2026-03-02' }), { ...ctx(AT), applies: () => false }));
    expect(before.state.complaints[0].late).toBe(true);
    const result = accepted(transition(refused(), complaintCmd({ receivedOn: '2026-03-03' }), ctx(AT)));
    expect(result.state.complaints[0].late).toBe(true);
    expect(result.event.data.late).toBe(true);
  });

  test('when the family learned of the decision later than its date, then the 28 days run from when they learned', () => {
    const onTime = accepted(transition(refused(), complaintCmd({ familyLearnedOn: '2026-02-05', receivedOn: '2026-03-05' }), ctx(AT)));
    expect(onTime.state.complaints[0]).toMatchObject({ familyLearnedOn: '2026-02-05', late: false });
    const late = accepted(transition(refused(), complaintCmd({ familyLearnedOn: '2026-02-05', receivedOn: '2026-03-06' }), ctx(AT)));
    expect(late.state.complaints[0]).toMatchObject({ familyLearnedOn: '2026-02-05', late: true });
  });

  test('when a complaint is received before the family learned of the decision, then it is refused', () => {
    expect(refusal(transition(refused(), complaintCmd({ familyLearnedOn: '2026-02-05', receivedOn: '2026-02-04' }), ctx(AT)))).toBe(
      'a complaint cannot be received before the family learned of the decision',
    );
  });

  test('when a complaint is received before the decision date and no learned date is given, then it is refused', () => {
    expect(refusal(transition(refused(), complaintCmd({ receivedOn: '2026-01-31' }), ctx(AT)))).toBe(
      'a complaint cannot be received before the family learned of the decision',
    );
  });

  test('when a complaint is received on the very day the family learned of the decision, then it is accepted', () => {
    expect(accepted(transition(refused(), complaintCmd({ receivedOn: '2026-02-01' }), ctx(AT))).state.complaints[0].late).toBe(false);
  });
});

describe('complaint outcomes', () => {
  const outcome = (o: 'reversed_by_ke' | 'forwarded_to_statsforvalteren' | 'upheld_by_statsforvalteren' | 'overturned_by_statsforvalteren', complaintId = 'id-c'): CaseCommand => ({
    type: 'recordComplaintOutcome',
    complaintId,
    outcome: o,
    reasons: 'Ny vurdering av vilkår b.',
    on: '2026-02-25',
  });

  test('when an outcome names a complaint that does not exist, then it is refused', () => {
    expect(refusal(transition(complained(), outcome('reversed_by_ke', 'nope'), ctx(AT)))).toBe('no complaint nope on this case');
  });

  test('when KE reverses a refusal on complaint, then the case is granted with a new decision and a complaint_reversal letter', () => {
    const at = '2026-02-25T09:00:00.000Z';
    const before = complained();
    const result = accepted(transition(before, outcome('reversed_by_ke'), ctx(at)));
    expect(result.state.status).toBe('granted');
    expect(result.state.grantedAt).toBe(at);
    expect(result.state.decisions).toHaveLength(2);
    expect(result.state.decisions[1]).toEqual({
      letterId: 'id-1',
      outcome: 'granted',
      reasons: 'Ny vurdering av vilkår b.',
      offeredInstead: [],
      decidedOn: '2026-02-25',
      recordedAt: at,
    });
    expect(result.letter).toEqual({ id: 'id-1', kind: 'complaint_reversal' });
    expect(result.state.complaints[0].status).toBe('reversed');
    expect(result.state.complaints[0].outcomes).toEqual([{ outcome: 'reversed_by_ke', on: '2026-02-25', reasons: 'Ny vurdering av vilkår b.', recordedAt: at, letterId: 'id-1' }]);
    expect(result.event).toEqual({ type: 'ComplaintOutcomeRecorded', at, data: { complaintId: 'id-c', outcome: 'reversed_by_ke', on: '2026-02-25' } });
  });

  test('when KE forwards a complaint about refusal, then the case is with Statsforvalteren and the family is told by letter (law-statsforvalteren-letters)', () => {
    const result = accepted(transition(complained(), outcome('forwarded_to_statsforvalteren'), ctx(AT)));
    expect(result.state.status).toBe('complaint_with_statsforvalteren');
    expect(result.state.complaints[0].status).toBe('forwarded');
    expect(result.state.decisions).toHaveLength(1);
    expect(result.letter).toEqual({ id: 'id-1', kind: 'complaint_forwarded' });
    expect(result.state.complaints[0].outcomes[0].letterId).toBe('id-1');
  });

  test('when a history from before law-statsforvalteren-letters replays, then forwarding and upholding write no letter and overturning writes the complaint_reversal', () => {
    const before = { ...ctx(AT), applies: () => false };
    expect(accepted(transition(complained(), outcome('forwarded_to_statsforvalteren'), before)).letter).toBeUndefined();
    expect(accepted(transition(forwarded(), outcome('upheld_by_statsforvalteren'), before)).letter).toBeUndefined();
    const over = accepted(transition(forwarded(), outcome('overturned_by_statsforvalteren'), { ...ctx(AT), applies: () => false }));
    expect(over.letter).toEqual({ id: 'id-1', kind: 'complaint_reversal' });
    expect(over.state.complaints[0].outcomes.at(-1)).not.toHaveProperty('letterId');
  });

  test('when Statsforvalteren upholds the refusal, then the case is refused again and Statsforvalteren\'s decision is written to the family', () => {
    const result = accepted(transition(forwarded(), outcome('upheld_by_statsforvalteren'), ctx(AT)));
    expect(result.state.status).toBe('refused');
    expect(result.state.complaints[0].status).toBe('upheld');
    expect(result.state.complaints[0].outcomes.map((o) => o.outcome)).toEqual(['forwarded_to_statsforvalteren', 'upheld_by_statsforvalteren']);
    expect(result.state.grantedAt).toBeUndefined();
    expect(result.letter).toEqual({ id: 'id-1', kind: 'statsforvalteren_decision' });
  });

  test('when Statsforvalteren overturns the refusal, then the case is granted with Statsforvalteren\'s decision as its letter, not a complaint_reversal', () => {
    const result = accepted(transition(forwarded(), outcome('overturned_by_statsforvalteren'), ctx(AT)));
    expect(result.state.status).toBe('granted');
    expect(result.state.grantedAt).toBe(AT);
    expect(result.state.complaints[0].status).toBe('overturned');
    expect(latestDecision(result.state)).toMatchObject({ outcome: 'granted', decidedOn: '2026-02-25', letterId: 'id-1' });
    expect(result.letter).toEqual({ id: 'id-1', kind: 'statsforvalteren_decision' });
  });

  test('when a refusal reversed on complaint is followed by an appointment, then the case is appointed', () => {
    const reversed = run(complained(), [outcome('reversed_by_ke')]);
    expect(accepted(transition(reversed, afterReversal, ctx(AT))).state.status).toBe('appointed');
  });

  test.each([
    ['received', 'upheld_by_statsforvalteren', 'forwarded'],
    ['received', 'overturned_by_statsforvalteren', 'forwarded'],
    ['forwarded', 'reversed_by_ke', 'received'],
    ['forwarded', 'forwarded_to_statsforvalteren', 'received'],
  ] as const)('when a complaint that is %s gets outcome %s, then it is refused: that outcome needs a complaint that is %s', (status, o, from) => {
    const state = status === 'received' ? complained() : forwarded();
    expect(refusal(transition(state, outcome(o), ctx(AT)))).toBe(`outcome ${o} requires a complaint that is ${from}, but it is ${status}`);
  });

  test.each([
    ['reversed_by_ke', 'received'],
    ['forwarded_to_statsforvalteren', 'received'],
    ['upheld_by_statsforvalteren', 'forwarded'],
    ['overturned_by_statsforvalteren', 'forwarded'],
  ] as const)('when a complaint already reversed by KE gets outcome %s, then it is refused', (o, from) => {
    const reversed = run(complained(), [outcome('reversed_by_ke')]);
    expect(refusal(transition(reversed, outcome(o), ctx(AT)))).toBe(`outcome ${o} requires a complaint that is ${from}, but it is reversed`);
  });

  test('when a complaint upheld by Statsforvalteren gets the outcome overturned, then it is refused', () => {
    const upheld = run(forwarded(), [outcome('upheld_by_statsforvalteren')]);
    expect(refusal(transition(upheld, outcome('overturned_by_statsforvalteren'), ctx(AT)))).toBe(
      'outcome overturned_by_statsforvalteren requires a complaint that is forwarded, but it is upheld',
    );
  });

  test('when a complaint that the right is not fulfilled is forwarded and overturned, then the granted case keeps its status, with a letter at each step and no new decision', () => {
    const state = run(granted(), [complaintCmd({ about: 'right_not_fulfilled' })], { ...setupCtx(), newId: () => 'id-c' });
    const fwd = accepted(transition(state, outcome('forwarded_to_statsforvalteren'), ctx(AT)));
    expect(fwd.state.status).toBe('granted');
    expect(fwd.letter?.kind).toBe('complaint_forwarded');
    const over = accepted(transition(deepFreeze(fwd.state), outcome('overturned_by_statsforvalteren'), ctx(AT)));
    expect(over.state.status).toBe('granted');
    expect(over.state.complaints[0].status).toBe('overturned');
    expect(over.state.decisions).toHaveLength(1);
    expect(over.letter?.kind).toBe('statsforvalteren_decision');
  });

  describe('two complaints about the same refusal', () => {
    /** A refused case with complaints 'id-a' (received 2026-02-10) and 'id-b' (received 2026-02-12) about the refusal. */
    const twoComplaints = () => {
      const complaintIds = ['id-a', 'id-b'];
      return run(refused(), [complaintCmd(), complaintCmd({ receivedOn: '2026-02-12' })], { ...setupCtx(), newId: () => complaintIds.shift()! });
    };
    const complaintB = (state: CaseState) => state.complaints.find((c) => c.id === 'id-b')!;

    test('when A is reversed by KE and B is then forwarded and upheld, then the case stays granted, B is forwarded then upheld, and B writes the letters of those steps only', () => {
      const reversedAt = '2026-02-25T09:00:00.000Z';
      const reversed = accepted(transition(twoComplaints(), outcome('reversed_by_ke', 'id-a'), ctx(reversedAt)));
      expect(reversed.state.status).toBe('granted');
      expect(reversed.state.statusSince).toBe(reversedAt);
      expect(reversed.letter).toEqual({ id: 'id-1', kind: 'complaint_reversal' });
      expect(latestDecision(reversed.state)?.outcome).toBe('granted');
      expect(complaintB(reversed.state).status).toBe('received');

      const fwd = accepted(transition(deepFreeze(reversed.state), outcome('forwarded_to_statsforvalteren', 'id-b'), ctx('2026-02-26T09:00:00.000Z')));
      expect(fwd.state.status).toBe('granted');
      expect(fwd.state.statusSince).toBe(reversedAt);
      expect(complaintB(fwd.state).status).toBe('forwarded');
      expect(fwd.letter?.kind).toBe('complaint_forwarded');

      const upheld = accepted(transition(deepFreeze(fwd.state), outcome('upheld_by_statsforvalteren', 'id-b'), ctx('2026-03-10T09:00:00.000Z')));
      expect(upheld.state.status).toBe('granted');
      expect(upheld.state.statusSince).toBe(reversedAt);
      expect(upheld.state.grantedAt).toBe(reversedAt);
      expect(complaintB(upheld.state).status).toBe('upheld');
      expect(complaintB(upheld.state).outcomes.map((o) => o.outcome)).toEqual(['forwarded_to_statsforvalteren', 'upheld_by_statsforvalteren']);
      expect(upheld.state.decisions.map((d) => d.outcome)).toEqual(['refused', 'granted']);
      expect(upheld.letter?.kind).toBe('statsforvalteren_decision');
      expect(upheld.event).toMatchObject({ type: 'ComplaintOutcomeRecorded', data: { complaintId: 'id-b', outcome: 'upheld_by_statsforvalteren' } });
    });

    test.each([
      ['reversed by KE', ['reversed_by_ke']],
      ['forwarded and overturned by Statsforvalteren', ['forwarded_to_statsforvalteren', 'overturned_by_statsforvalteren']],
    ] as const)('when A is reversed by KE and B is then %s, then no second grant or decision letter is written and the grant keeps its instant', (_name, outcomes) => {
      const reversedAt = '2026-02-25T09:00:00.000Z';
      let state = accepted(transition(twoComplaints(), outcome('reversed_by_ke', 'id-a'), ctx(reversedAt))).state;
      for (const o of outcomes) {
        const result = accepted(transition(deepFreeze(state), outcome(o, 'id-b'), ctx('2026-03-10T09:00:00.000Z')));
        // Statsforvalteren's steps are told by letter (law-statsforvalteren-letters); KE's second reversal writes none.
        expect(result.letter?.kind).toBe(o === 'reversed_by_ke' ? undefined : o === 'forwarded_to_statsforvalteren' ? 'complaint_forwarded' : 'statsforvalteren_decision');
        expect(result.state.status).toBe('granted');
        state = result.state;
      }
      expect(complaintB(state).status).toBe(outcomes[outcomes.length - 1] === 'reversed_by_ke' ? 'reversed' : 'overturned');
      expect(state.decisions.map((d) => d.outcome)).toEqual(['refused', 'granted']);
      expect(state.grantedAt).toBe(reversedAt);
      expect(state.statusSince).toBe(reversedAt);
    });

    test('when A is forwarded to Statsforvalteren and B is then reversed by KE, then the case is granted and A overturned or upheld afterwards changes nothing', () => {
      const withSf = run(twoComplaints(), [outcome('forwarded_to_statsforvalteren', 'id-a')]);
      expect(withSf.status).toBe('complaint_with_statsforvalteren');
      const reversed = accepted(transition(withSf, outcome('reversed_by_ke', 'id-b'), ctx('2026-02-27T09:00:00.000Z')));
      expect(reversed.state.status).toBe('granted');
      expect(reversed.letter).toEqual({ id: 'id-1', kind: 'complaint_reversal' });
      for (const o of ['overturned_by_statsforvalteren', 'upheld_by_statsforvalteren'] as const) {
        const later = accepted(transition(deepFreeze(reversed.state), outcome(o, 'id-a'), ctx('2026-03-10T09:00:00.000Z')));
        expect(later.state.status).toBe('granted');
        expect(later.state.decisions).toHaveLength(2);
        expect(later.letter?.kind).toBe('statsforvalteren_decision');
      }
    });

    test('when both are forwarded, then the case is with Statsforvalteren; A upheld makes it refused again, and B upheld leaves it refused', () => {
      const bothForwarded = run(twoComplaints(), [outcome('forwarded_to_statsforvalteren', 'id-a'), outcome('forwarded_to_statsforvalteren', 'id-b')]);
      expect(bothForwarded.status).toBe('complaint_with_statsforvalteren');
      expect(bothForwarded.complaints.map((c) => c.status)).toEqual(['forwarded', 'forwarded']);
      const aUpheld = run(bothForwarded, [outcome('upheld_by_statsforvalteren', 'id-a')]);
      expect(aUpheld.status).toBe('refused');
      const bUpheld = accepted(transition(aUpheld, outcome('upheld_by_statsforvalteren', 'id-b'), ctx(AT)));
      expect(bUpheld.state.status).toBe('refused');
      expect(bUpheld.state.complaints.map((c) => c.status)).toEqual(['upheld', 'upheld']);
      expect(bUpheld.letter?.kind).toBe('statsforvalteren_decision');
    });

    test('when A is upheld and B, still received, is then reversed by KE, then the refusal that still stands is reversed with a letter', () => {
      const aUpheld = run(twoComplaints(), [outcome('forwarded_to_statsforvalteren', 'id-a'), outcome('upheld_by_statsforvalteren', 'id-a')]);
      expect(aUpheld.status).toBe('refused');
      const result = accepted(transition(aUpheld, outcome('reversed_by_ke', 'id-b'), ctx(AT)));
      expect(result.state.status).toBe('granted');
      expect(result.letter).toEqual({ id: 'id-1', kind: 'complaint_reversal' });
    });
  });

  test('when a refusal reversed on complaint has led to an appointment and another complaint is then overturned, then the case stays appointed and only Statsforvalteren\'s decision is written', () => {
    const complaintIds = ['id-a', 'id-b'];
    const state = run(refused(), [complaintCmd(), complaintCmd({ receivedOn: '2026-02-12' })], { ...setupCtx(), newId: () => complaintIds.shift()! });
    const appointedCase = run(state, [outcome('reversed_by_ke', 'id-a'), afterReversal]);
    expect(appointedCase.status).toBe('appointed');
    const over = run(appointedCase, [outcome('forwarded_to_statsforvalteren', 'id-b')]);
    expect(over.status).toBe('appointed');
    const result = accepted(transition(over, outcome('overturned_by_statsforvalteren', 'id-b'), ctx(AT)));
    expect(result.state.status).toBe('appointed');
    expect(result.state.decisions).toHaveLength(2);
    expect(result.letter?.kind).toBe('statsforvalteren_decision');
  });
});
