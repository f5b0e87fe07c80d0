/** The case state machine (workflows/case/state.ts), pure: registration, consent and its withdrawal. */
import type { WithdrawConsent } from '../../workflows/case/commands';
import { hasConsent } from '../../workflows/case/rules';
import { createCase, transition } from '../../workflows/case/state';
import { REGISTERED_AT, accepted, created, allMetCmd, appointCmd, ctx, deepFreeze, grantCmd, interviewCmd, refusal, registered, request } from './case-states';
import { AT, appointed, consentCmd, consented, granted, mapped, run, setupCtx, withdrawAppointment } from './state-steps';

describe('createCase', () => {
  test('when KE registers a request, then the case waits for consent at seq 1, in that status since registration, with nothing else recorded', () => {
    const req = request();
    const { state, event } = created(createCase('case-1', req, REGISTERED_AT));
    expect(state).toEqual({
      caseId: 'case-1',
      status: 'awaiting_consent',
      request: req,
      registeredAt: REGISTERED_AT,
      statusSince: REGISTERED_AT,
      seq: 1,
      consents: [],
      kartlegging: {},
      decisions: [],
      complaints: [],
      followUp: { meetings: [], individualPlan: { status: 'not_started', since: REGISTERED_AT } },
      absencesSeen: [],
      tasks: [],
      fired: [],
    });
    expect(event).toEqual({ type: 'RequestRegistered', at: REGISTERED_AT, data: { channel: 'written', receivedOn: '2026-01-05' } });
  });
});

describe('consent', () => {
  test('when a parent consents to appointment while the case awaits consent, then the case moves to kartlegging since that instant and the consent is recorded', () => {
    const result = accepted(transition(registered(), consentCmd(), ctx(AT)));
    expect(result.state.status).toBe('kartlegging');
    expect(result.state.statusSince).toBe(AT);
    expect(result.state.consents).toEqual([
      {
        id: 'id-1',
        givenBy: 'Per Testforelder',
        role: 'parent',
        covers: ['appointment', 'information_sharing'],
        givenOn: '2026-01-08',
        recordedAt: AT,
        withdrawn: [],
      },
    ]);
    expect(result.event).toEqual({
      type: 'ConsentRecorded',
      at: AT,
      data: { consentId: 'id-1', role: 'parent', covers: ['appointment', 'information_sharing'], givenOn: '2026-01-08' },
    });
    expect(result.letter).toBeUndefined();
    expect(hasConsent(result.state, 'appointment')).toBe(true);
    expect(hasConsent(result.state, 'information_sharing')).toBe(true);
  });

  test('when the consent covers only information sharing, then the case still awaits consent to appointment, since registration', () => {
    const result = accepted(transition(registered(), consentCmd({ covers: ['information_sharing'] }), ctx(AT)));
    expect(result.state.status).toBe('awaiting_consent');
    expect(result.state.statusSince).toBe(REGISTERED_AT);
    expect(hasConsent(result.state, 'appointment')).toBe(false);
  });

  test('when a second parent consents while consent to appointment is already active, then the case stays in kartlegging and statusSince keeps its first value', () => {
    const first = consented();
    const second = accepted(transition(first, consentCmd({ givenBy: 'Kari Testforelder' }), ctx('2026-01-12T08:00:00.000Z')));
    expect(second.state.status).toBe('kartlegging');
    expect(second.state.statusSince).toBe(AT);
    expect(second.state.consents.map((c) => c.givenBy)).toEqual(['Per Testforelder', 'Kari Testforelder']);
  });

  test('when a young person consents on their 16th birthday, then the consent is accepted', () => {
    const state = registered({ request: request({ birthDate: '2010-01-08' }) });
    const result = accepted(transition(state, consentCmd({ role: 'young_person', givenBy: 'Nora Testbarn', givenOn: '2026-01-08' }), ctx(AT)));
    expect(result.state.status).toBe('kartlegging');
    expect(result.state.consents[0].role).toBe('young_person');
  });

  test('when a young person consents the day before their 16th birthday, then it is refused: only from 16', () => {
    const state = registered({ request: request({ birthDate: '2010-01-09' }) });
    const message = refusal(transition(state, consentCmd({ role: 'young_person', givenOn: '2026-01-08' }), ctx(AT)));
    expect(message).toBe('a young person consents personally only from the age of 16');
  });

  test('when a young person consents for a child with no birth date (unborn), then it is refused: the age cannot be shown to be 16', () => {
    const state = registered({ request: request({ birthDate: undefined, expectedDate: '2026-04-01' }) });
    const message = refusal(transition(state, consentCmd({ role: 'young_person' }), ctx(AT)));
    expect(message).toBe('a young person consents personally only from the age of 16');
  });

  test("when a parent consents for a 17-year-old with KE's reasons why the young person lacks the competence to consent, then it is accepted (law-own-consent-16)", () => {
    const state = registered({ request: request({ birthDate: '2008-06-01' }) });
    const result = accepted(transition(state, consentCmd({ youngPersonLacksCompetence: 'Alvorlig utviklingshemming.' }), ctx(AT)));
    expect(result.state.status).toBe('kartlegging');
    expect(result.state.consents[0].youngPersonLacksCompetence).toBe('Alvorlig utviklingshemming.');
  });

  test('when consent to appointment is given again after a withdrawal before the kartlegging was complete, then the case returns to kartlegging since the renewal', () => {
    const withdrawnAt = '2026-01-11T09:00:00.000Z';
    const withdrawn = run(consented(), [{ ...interviewCmd, heldOn: '2026-01-10' }, withdrawAppointment], setupCtx(withdrawnAt));
    expect(withdrawn.status).toBe('awaiting_consent');
    expect(withdrawn.statusSince).toBe(withdrawnAt);
    const later = '2026-01-15T12:00:00.000Z';
    const result = accepted(transition(withdrawn, consentCmd({ givenOn: '2026-01-15' }), ctx(later)));
    expect(result.state.status).toBe('kartlegging');
    expect(result.state.statusSince).toBe(later);
    expect(result.state.kartlegging.interview).toEqual({ heldOn: '2026-01-10', participants: ['Per Testforelder', 'Kari Testforelder', 'KE-rådgiver'], childParticipated: true });
    expect(result.state.kartlegging.completedAt).toBeUndefined();
    expect(hasConsent(result.state, 'appointment')).toBe(true);
  });

  test('when consent to appointment is given again after a withdrawal and the kartlegging was already complete, then the case goes straight to awaiting the decision since the renewal', () => {
    const completedAt = '2026-01-22T10:00:00.000Z';
    const complete = run(consented(), [interviewCmd, allMetCmd], setupCtx(completedAt));
    expect(complete.status).toBe('awaiting_decision');
    const withdrawn = run(complete, [{ ...withdrawAppointment, on: '2026-01-24' }], setupCtx('2026-01-24T09:00:00.000Z'));
    expect(withdrawn.status).toBe('awaiting_consent');
    const renewedAt = '2026-01-28T12:00:00.000Z';
    const result = accepted(transition(withdrawn, consentCmd({ givenOn: '2026-01-28' }), ctx(renewedAt)));
    expect(result.state.status).toBe('awaiting_decision');
    expect(result.state.statusSince).toBe(renewedAt);
    expect(result.state.kartlegging.completedAt).toBe(completedAt);
    expect(result.event.type).toBe('ConsentRecorded');
    // The completed kartlegging still stands: the decision can be made without a new interview.
    expect(accepted(transition(deepFreeze(result.state), grantCmd, ctx('2026-02-01T13:00:00.000Z'))).state.status).toBe('granted');
  });

  test('when consent given again after a withdrawal covers only information sharing, then the case still awaits consent to appointment and statusSince stays at the withdrawal', () => {
    const withdrawnAt = '2026-01-24T09:00:00.000Z';
    const withdrawn = run(mapped(), [{ ...withdrawAppointment, scopes: ['appointment', 'information_sharing'], on: '2026-01-24' }], setupCtx(withdrawnAt));
    const result = accepted(transition(withdrawn, consentCmd({ covers: ['information_sharing'] }), ctx('2026-01-28T12:00:00.000Z')));
    expect(result.state.status).toBe('awaiting_consent');
    expect(result.state.statusSince).toBe(withdrawnAt);
  });

  test('when consent to appointment is given again on a granted case after a withdrawal, then the case stays granted and statusSince keeps the grant instant', () => {
    const grantedAt = '2026-02-01T13:00:00.000Z';
    const grantedCase = run(mapped(), [grantCmd], setupCtx(grantedAt));
    const withdrawn = run(grantedCase, [{ ...withdrawAppointment, on: '2026-02-03' }], setupCtx('2026-02-03T09:00:00.000Z'));
    expect(withdrawn.status).toBe('granted');
    const result = accepted(transition(withdrawn, consentCmd({ givenOn: '2026-02-05' }), ctx('2026-02-05T12:00:00.000Z')));
    expect(result.state.status).toBe('granted');
    expect(result.state.statusSince).toBe(grantedAt);
    expect(hasConsent(result.state, 'appointment')).toBe(true);
  });
});

describe('withdrawal of consent', () => {
  const withdraw = (scopes: ('appointment' | 'information_sharing')[], on = '2026-01-11', withdrawnBy = 'Per Testforelder'): WithdrawConsent => ({
    type: 'withdrawConsent',
    scopes,
    withdrawnBy,
    on,
  });

  test('when consent to appointment is withdrawn during kartlegging, then the case goes back to awaiting consent since the withdrawal and the withdrawal records who withdrew', () => {
    const at = '2026-01-11T09:00:00.000Z';
    const result = accepted(transition(consented(), withdraw(['appointment']), ctx(at)));
    expect(result.state.status).toBe('awaiting_consent');
    expect(result.state.statusSince).toBe(at);
    expect(result.state.consents[0].withdrawn).toEqual([{ scope: 'appointment', on: '2026-01-11', by: 'Per Testforelder', recordedAt: at }]);
    expect(hasConsent(result.state, 'appointment')).toBe(false);
    expect(hasConsent(result.state, 'information_sharing')).toBe(true);
    expect(result.event).toEqual({ type: 'ConsentWithdrawn', at, data: { scopes: ['appointment'], on: '2026-01-11', withdrawnBy: 'Per Testforelder' } });
  });

  test('when consent to appointment is withdrawn while the case awaits the decision, then the case goes back to awaiting consent since the withdrawal', () => {
    const state = mapped();
    expect(state.status).toBe('awaiting_decision');
    const at = '2026-01-25T09:00:00.000Z';
    const result = accepted(transition(state, withdraw(['appointment']), ctx(at)));
    expect(result.state.status).toBe('awaiting_consent');
    expect(result.state.statusSince).toBe(at);
    expect(result.state.kartlegging.completedAt).toBe(state.kartlegging.completedAt);
  });

  test('when consent to appointment is withdrawn from an appointed case in a history from before law-withdrawn-consent-closes, then the case stays appointed and only the consent is marked withdrawn', () => {
    const state = appointed();
    const result = accepted(transition(state, withdraw(['appointment']), { ...ctx('2026-03-01T09:00:00.000Z'), applies: () => false }));
    expect(result.state.status).toBe('appointed');
    expect(result.state.statusSince).toBe(state.statusSince);
    expect(result.state.appointment).toEqual(state.appointment);
    expect(hasConsent(result.state, 'appointment')).toBe(false);
  });

  test('when consent to appointment is withdrawn from a granted case, then the case stays granted but appointment is then refused for lack of consent', () => {
    const state = granted();
    const result = accepted(transition(state, withdraw(['appointment']), ctx('2026-02-03T09:00:00.000Z')));
    expect(result.state.status).toBe('granted');
    expect(result.state.statusSince).toBe(state.statusSince);
    expect(refusal(transition(result.state, appointCmd(), ctx(AT)))).toBe('this step requires consent to appointment of a coordinator');
  });

  test('when only consent to information sharing is withdrawn during kartlegging, then the case stays in kartlegging', () => {
    const state = consented();
    const result = accepted(transition(state, withdraw(['information_sharing']), ctx('2026-01-11T09:00:00.000Z')));
    expect(result.state.status).toBe('kartlegging');
    expect(result.state.statusSince).toBe(state.statusSince);
    expect(hasConsent(result.state, 'information_sharing')).toBe(false);
  });

  test('when a scope that was never given is withdrawn, then it is refused', () => {
    const state = run(registered(), [consentCmd({ covers: ['appointment'] })]);
    expect(refusal(transition(state, withdraw(['information_sharing']), ctx(AT)))).toBe('there is no active consent covering information_sharing');
  });

  test('when a case with no consent at all has both scopes withdrawn, then it is refused naming both', () => {
    expect(refusal(transition(registered(), withdraw(['appointment', 'information_sharing']), ctx(AT)))).toBe(
      'there is no active consent covering appointment, information_sharing',
    );
  });

  test('when the same scope is withdrawn twice, then the second withdrawal is refused', () => {
    const once = run(consented(), [withdraw(['appointment'])]);
    expect(refusal(transition(once, withdraw(['appointment']), ctx(AT)))).toBe('there is no active consent covering appointment');
  });

  test('when two scopes are withdrawn but only one is active, then only the active one is withdrawn and named in the event', () => {
    const state = run(registered(), [consentCmd({ covers: ['appointment'] })]);
    const result = accepted(transition(state, withdraw(['appointment', 'information_sharing']), ctx(AT)));
    expect(result.event.data).toEqual({ scopes: ['appointment'], on: '2026-01-11', withdrawnBy: 'Per Testforelder' });
    expect(result.state.consents[0].withdrawn.map((w) => w.scope)).toEqual(['appointment']);
  });

  test('when two parents consented and appointment is withdrawn, then both consents are marked withdrawn', () => {
    const state = run(consented(), [consentCmd({ givenBy: 'Kari Testforelder', covers: ['appointment'] })]);
    const result = accepted(transition(state, withdraw(['appointment']), ctx(AT)));
    expect(result.state.consents.map((c) => c.withdrawn.map((w) => w.scope))).toEqual([['appointment'], ['appointment']]);
    expect(hasConsent(result.state, 'appointment')).toBe(false);
  });

  test('when the other parent withdraws, then every withdrawn entry and the event name that parent as withdrawnBy', () => {
    const state = run(consented(), [consentCmd({ givenBy: 'Kari Testforelder', covers: ['appointment'] })]);
    const result = accepted(transition(state, withdraw(['appointment', 'information_sharing'], '2026-01-11', 'Kari Testforelder'), ctx(AT)));
    expect(result.state.consents.map((c) => c.withdrawn)).toEqual([
      [
        { scope: 'appointment', on: '2026-01-11', by: 'Kari Testforelder', recordedAt: AT },
        { scope: 'information_sharing', on: '2026-01-11', by: 'Kari Testforelder', recordedAt: AT },
      ],
      [{ scope: 'appointment', on: '2026-01-11', by: 'Kari Testforelder', recordedAt: AT }],
    ]);
    expect(result.event.data).toEqual({ scopes: ['appointment', 'information_sharing'], on: '2026-01-11', withdrawnBy: 'Kari Testforelder' });
  });

  test('when a scope is withdrawn later by someone else, then the earlier withdrawal keeps its own withdrawnBy', () => {
    const once = run(consented(), [withdraw(['information_sharing'], '2026-01-11')], setupCtx('2026-01-11T09:00:00.000Z'));
    const result = accepted(transition(once, withdraw(['appointment'], '2026-01-12', 'Kari Testforelder'), ctx('2026-01-12T09:00:00.000Z')));
    expect(result.state.consents[0].withdrawn).toEqual([
      { scope: 'information_sharing', on: '2026-01-11', by: 'Per Testforelder', recordedAt: '2026-01-11T09:00:00.000Z' },
      { scope: 'appointment', on: '2026-01-12', by: 'Kari Testforelder', recordedAt: '2026-01-12T09:00:00.000Z' },
    ]);
  });
});
