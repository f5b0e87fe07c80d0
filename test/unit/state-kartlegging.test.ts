/** The case state machine (workflows/case/state.ts), pure: the kartleggingssamtale, the assessment and the written decision. */
import { DEFAULT_POLICY, type Policy } from '../../workflows/case/policy';
import { latestDecision } from '../../workflows/case/rules';
import { transition } from '../../workflows/case/state';
import { accepted, allMetCmd, ctx, grantCmd, interviewCmd, met, refusal, registered, request, unmet } from './case-states';
import { AT, consented, granted, mapped, oneUnmetCmd, refuseCmd, refused, run, setupCtx } from './state-steps';

describe('scheduling the kartleggingssamtale', () => {
  test('when KE schedules the interview during kartlegging, then the time is kept and the status is unchanged', () => {
    const result = accepted(transition(consented(), { type: 'scheduleKartlegging', scheduledAt: '2026-01-20T09:00:00.000Z' }, ctx(AT)));
    expect(result.state.status).toBe('kartlegging');
    expect(result.state.kartlegging).toEqual({ scheduledAt: '2026-01-20T09:00:00.000Z' });
    expect(result.event).toEqual({ type: 'KartleggingScheduled', at: AT, data: { scheduledAt: '2026-01-20T09:00:00.000Z' } });
  });

  test('when KE schedules the interview without consent to appointment, then it is refused', () => {
    expect(refusal(transition(registered(), { type: 'scheduleKartlegging', scheduledAt: '2026-01-20T09:00:00.000Z' }, ctx(AT)))).toBe(
      'this step requires consent to appointment of a coordinator',
    );
  });

  test('when KE schedules the interview after the kartlegging is complete, then it is refused naming the status', () => {
    expect(refusal(transition(mapped(), { type: 'scheduleKartlegging', scheduledAt: '2026-01-20T09:00:00.000Z' }, ctx(AT)))).toBe(
      'a kartleggingssamtale cannot be scheduled when the case is awaiting_decision',
    );
  });
});

describe('the kartleggingssamtale (interview)', () => {
  test('when the interview is recorded without consent to appointment, then it is refused', () => {
    expect(refusal(transition(registered(), interviewCmd, ctx(AT)))).toBe('this step requires consent to appointment of a coordinator');
  });

  test('when the interview is recorded before the assessment, then it is kept and the case stays in kartlegging', () => {
    const result = accepted(transition(consented(), interviewCmd, ctx(AT)));
    expect(result.state.status).toBe('kartlegging');
    expect(result.state.kartlegging).toEqual({
      interview: { heldOn: '2026-01-20', participants: ['Per Testforelder', 'Kari Testforelder', 'KE-rådgiver'], childParticipated: true },
    });
    expect(result.state.kartlegging.completedAt).toBeUndefined();
    expect(result.event).toEqual({ type: 'KartleggingHeld', at: AT, data: { heldOn: '2026-01-20', childParticipated: true, participantCount: 3 } });
  });

  test('when the interview is recorded on a granted case, then it is refused naming the status', () => {
    expect(refusal(transition(granted(), interviewCmd, ctx(AT)))).toBe('a kartleggingssamtale cannot be recorded when the case is granted');
  });

  describe('with the default policy (child takes part from 15)', () => {
    const fifteen = () => consented(request({ birthDate: '2011-01-20' })); // 15 on 2026-01-20
    const fourteen = () => consented(request({ birthDate: '2011-01-21' })); // 15 the day after

    test('when a 15-year-old did not take part and no reason is given, then it is refused', () => {
      expect(DEFAULT_POLICY.childParticipationAge).toBe(15);
      expect(refusal(transition(fifteen(), { ...interviewCmd, childParticipated: false }, ctx(AT)))).toBe(
        'the child is 15 and must take part in the kartleggingssamtale from the age of 15; give a reason if the child did not',
      );
    });

    test('when a 15-year-old did not take part and a reason is given, then it is accepted and the reason kept', () => {
      const result = accepted(transition(fifteen(), { ...interviewCmd, childParticipated: false, childAbsenceReason: 'Innlagt på sykehus.' }, ctx(AT)));
      expect(result.state.kartlegging.interview?.childAbsenceReason).toBe('Innlagt på sykehus.');
      expect(result.state.kartlegging.interview?.childParticipated).toBe(false);
    });

    test('when a 15-year-old did not take part and the reason is only whitespace, then it is refused', () => {
      expect(refusal(transition(fifteen(), { ...interviewCmd, childParticipated: false, childAbsenceReason: '   ' }, ctx(AT)))).toBe(
        'the child is 15 and must take part in the kartleggingssamtale from the age of 15; give a reason if the child did not',
      );
    });

    test('when a 15-year-old took part, then no reason is needed', () => {
      expect(accepted(transition(fifteen(), { ...interviewCmd, childParticipated: true }, ctx(AT))).state.kartlegging.interview?.childParticipated).toBe(true);
    });

    test('when the child is 14 on the day of the interview (15 the next day), then no reason is needed', () => {
      expect(accepted(transition(fourteen(), { ...interviewCmd, childParticipated: false }, ctx(AT))).state.status).toBe('kartlegging');
    });

    test('when a 12-year-old did not take part without a reason, then it is accepted under the default policy', () => {
      const twelve = consented(request({ birthDate: '2013-06-01' }));
      expect(accepted(transition(twelve, { ...interviewCmd, childParticipated: false }, ctx(AT))).ok).toBe(true);
    });

    test('when the child is unborn (no birth date), then no participation rule applies', () => {
      const unborn = consented(request({ birthDate: undefined, expectedDate: '2026-04-01' }));
      expect(accepted(transition(unborn, { ...interviewCmd, childParticipated: false }, ctx(AT))).ok).toBe(true);
    });
  });

  describe('with a municipal policy where the child takes part from 12', () => {
    const policy12: Policy = { ...DEFAULT_POLICY, childParticipationAge: 12 };
    const twelve = () => consented(request({ birthDate: '2014-01-20' })); // 12 on 2026-01-20
    const eleven = () => consented(request({ birthDate: '2014-01-21' })); // 12 the day after

    test('when a 12-year-old did not take part and no reason is given, then it is refused naming age 12', () => {
      expect(refusal(transition(twelve(), { ...interviewCmd, childParticipated: false }, ctx(AT, { policy: policy12 })))).toBe(
        'the child is 12 and must take part in the kartleggingssamtale from the age of 12; give a reason if the child did not',
      );
    });

    test('when a 12-year-old did not take part and a reason is given, then it is accepted', () => {
      const result = accepted(transition(twelve(), { ...interviewCmd, childParticipated: false, childAbsenceReason: 'Ønsket ikke å delta.' }, ctx(AT, { policy: policy12 })));
      expect(result.state.kartlegging.interview?.childAbsenceReason).toBe('Ønsket ikke å delta.');
    });

    test('when an 11-year-old did not take part without a reason, then it is accepted', () => {
      expect(accepted(transition(eleven(), { ...interviewCmd, childParticipated: false }, ctx(AT, { policy: policy12 }))).ok).toBe(true);
    });

    test('when a 13-year-old did not take part without a reason, then it is refused naming age 13', () => {
      const thirteen = consented(request({ birthDate: '2012-05-01' }));
      expect(refusal(transition(thirteen, { ...interviewCmd, childParticipated: false }, ctx(AT, { policy: policy12 })))).toBe(
        'the child is 13 and must take part in the kartleggingssamtale from the age of 12; give a reason if the child did not',
      );
    });
  });
});

describe('the assessment and completing the kartlegging', () => {
  test('when the assessment is recorded without consent to appointment, then it is refused', () => {
    expect(refusal(transition(registered(), allMetCmd, ctx(AT)))).toBe('this step requires consent to appointment of a coordinator');
  });

  test('when the assessment is recorded on a refused case, then it is refused naming the status', () => {
    expect(refusal(transition(refused(), allMetCmd, ctx(AT)))).toBe('the assessment cannot be recorded when the case is refused');
  });

  test('when only the assessment is recorded, then it is kept and the case stays in kartlegging', () => {
    const result = accepted(transition(consented(), oneUnmetCmd, ctx(AT)));
    expect(result.state.status).toBe('kartlegging');
    expect(result.state.kartlegging).toEqual({
      assessment: {
        childUnder18OrExpected: met('Barnet er under 18 år eller ventes.'),
        seriousCondition: unmet('Ikke alvorlig nok.'),
        longTermCoordinatedNeeds: met('Behov for helse- og omsorgstjenester og PPT over lang tid.'),
      },
    });
    expect(result.event).toEqual({
      type: 'AssessmentRecorded',
      at: AT,
      data: { childUnder18OrExpected: true, seriousCondition: false, longTermCoordinatedNeeds: true },
    });
  });

  test('when the interview and then the assessment are recorded, then the kartlegging is complete at the assessment and the case awaits the decision', () => {
    const afterInterview = run(consented(), [interviewCmd], setupCtx('2026-01-20T10:00:00.000Z'));
    const result = accepted(transition(afterInterview, allMetCmd, ctx('2026-01-22T10:00:00.000Z')));
    expect(result.state.status).toBe('awaiting_decision');
    expect(result.state.kartlegging.completedAt).toBe('2026-01-22T10:00:00.000Z');
  });

  test('when the assessment and then the interview are recorded, then the kartlegging is complete at the interview and the case awaits the decision', () => {
    const afterAssessment = run(consented(), [allMetCmd], setupCtx('2026-01-18T10:00:00.000Z'));
    const result = accepted(transition(afterAssessment, interviewCmd, ctx('2026-01-20T10:00:00.000Z')));
    expect(result.state.status).toBe('awaiting_decision');
    expect(result.state.kartlegging.completedAt).toBe('2026-01-20T10:00:00.000Z');
    const { type: _assessment, ...assessment } = allMetCmd;
    const { type: _interview, ...interview } = interviewCmd;
    expect(result.state.kartlegging.assessment).toEqual(assessment);
    expect(result.state.kartlegging.interview).toEqual(interview);
  });

  test('when the assessment is corrected after completion, then completedAt keeps its first value and the new assessment replaces the old', () => {
    const complete = run(consented(), [interviewCmd, allMetCmd], setupCtx('2026-01-20T10:00:00.000Z'));
    const result = accepted(transition(complete, oneUnmetCmd, ctx('2026-01-25T10:00:00.000Z')));
    expect(result.state.status).toBe('awaiting_decision');
    expect(result.state.kartlegging.completedAt).toBe('2026-01-20T10:00:00.000Z');
    expect(result.state.kartlegging.assessment?.seriousCondition).toEqual(unmet('Ikke alvorlig nok.'));
  });

  test('when the interview is recorded again after completion, then completedAt keeps its first value', () => {
    const complete = run(consented(), [interviewCmd, allMetCmd], setupCtx('2026-01-20T10:00:00.000Z'));
    const result = accepted(transition(complete, { ...interviewCmd, heldOn: '2026-01-24' }, ctx('2026-01-24T10:00:00.000Z')));
    expect(result.state.status).toBe('awaiting_decision');
    expect(result.state.kartlegging.completedAt).toBe('2026-01-20T10:00:00.000Z');
    expect(result.state.kartlegging.interview?.heldOn).toBe('2026-01-24');
  });
});

describe('the written decision', () => {
  const KARTLEGGING_MESSAGE = 'a decision requires a completed kartlegging: the interview held and all three conditions assessed';

  test('when a decision is recorded before anything of the kartlegging, then it is refused with the kartlegging message', () => {
    expect(refusal(transition(consented(), grantCmd, ctx(AT)))).toBe(KARTLEGGING_MESSAGE);
  });

  test('when a decision is recorded after the interview but before the assessment, then it is refused with the kartlegging message', () => {
    expect(refusal(transition(run(consented(), [interviewCmd]), grantCmd, ctx(AT)))).toBe(KARTLEGGING_MESSAGE);
  });

  test('when a decision is recorded after the assessment but before the interview, then it is refused with the kartlegging message', () => {
    expect(refusal(transition(run(consented(), [allMetCmd]), grantCmd, ctx(AT)))).toBe(KARTLEGGING_MESSAGE);
  });

  test('when a decision is recorded without consent to appointment, then it is refused for lack of consent', () => {
    expect(refusal(transition(registered(), grantCmd, ctx(AT)))).toBe('this step requires consent to appointment of a coordinator');
  });

  test('when a second decision is recorded on a granted case, then it is refused naming the status', () => {
    expect(refusal(transition(granted(), grantCmd, ctx(AT)))).toBe('a decision cannot be made when the case is granted');
  });

  test('when a grant is recorded with one condition not met, then it is refused', () => {
    expect(refusal(transition(mapped(oneUnmetCmd), grantCmd, ctx(AT)))).toBe('a grant requires all three legal conditions assessed as met');
  });

  test.each([
    ['a) child under 18 or expected', { childUnder18OrExpected: unmet('Over 18.') }],
    ['c) long-term coordinated needs', { longTermCoordinatedNeeds: unmet('Kortvarig behov.') }],
  ])('when a grant is recorded with condition %s not met, then it is refused', (_name, change) => {
    expect(refusal(transition(mapped({ ...allMetCmd, ...change }), grantCmd, ctx(AT)))).toBe('a grant requires all three legal conditions assessed as met');
  });

  test('when a refusal is recorded with all three conditions met, then it is refused', () => {
    expect(refusal(transition(mapped(), refuseCmd, ctx(AT)))).toBe('a refusal requires at least one legal condition assessed as not met');
  });

  test('when a refusal names nothing offered instead, then it is refused', () => {
    expect(refusal(transition(mapped(oneUnmetCmd), { ...refuseCmd, offeredInstead: [] }, ctx(AT)))).toBe(
      'a refusal must name what the family is offered instead (coordinated services, an ordinary coordinator)',
    );
  });

  test('when a grant is recorded after a complete kartlegging with all conditions met, then the case is granted with a decision letter', () => {
    const at = '2026-02-01T13:00:00.000Z';
    const result = accepted(transition(mapped(), grantCmd, ctx(at)));
    expect(result.state.status).toBe('granted');
    expect(result.state.grantedAt).toBe(at);
    expect(result.state.decisions).toEqual([
      { letterId: 'id-1', outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', offeredInstead: [], decidedOn: '2026-02-01', recordedAt: at },
    ]);
    expect(latestDecision(result.state)?.letterId).toBe('id-1');
    expect(result.letter).toEqual({ id: 'id-1', kind: 'decision' });
    expect(result.event).toEqual({
      type: 'DecisionRecorded',
      at,
      data: { outcome: 'granted', decidedOn: '2026-02-01', letterId: 'id-1', offeredInstead: [] },
    });
  });

  test('when a refusal is recorded with one condition unmet and alternatives named, then the case is refused with a decision letter', () => {
    const result = accepted(transition(mapped(oneUnmetCmd), refuseCmd, ctx(AT)));
    expect(result.state.status).toBe('refused');
    expect(result.state.grantedAt).toBeUndefined();
    expect(result.state.decisions).toEqual([
      {
        letterId: 'id-1',
        outcome: 'refused',
        reasons: 'Vilkår b er ikke oppfylt.',
        offeredInstead: ['coordinated_services', 'ordinary_coordinator'],
        decidedOn: '2026-02-01',
        recordedAt: AT,
      },
    ]);
    expect(result.letter).toEqual({ id: 'id-1', kind: 'decision' });
  });

  test('when a refusal offers only an ordinary coordinator, then it is accepted', () => {
    const result = accepted(transition(mapped(oneUnmetCmd), { ...refuseCmd, offeredInstead: ['ordinary_coordinator'] }, ctx(AT)));
    expect(result.state.decisions[0].offeredInstead).toEqual(['ordinary_coordinator']);
  });
});
