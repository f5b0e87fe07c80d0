/** The rules of issue #14 (the law, second reading) in the pure state machine, each named after its rule. */
import { dueActions } from '../../workflows/case/deadlines';
import type { RecordConsent } from '../../workflows/case/commands';
import { createCase, transition } from '../../workflows/case/state';
import { CONSENT_AT, REGISTERED_AT, accepted, consentCmd, created, ctx, refusal, registered, request } from './case-states';

const ids = (prefix: string) => {
  let k = 0;
  return () => `${prefix}-${++k}`;
};

describe('law-refusal-after-18', () => {
  test('when the child was 18 when the request came, then it is registered refused with a decision letter dated the day of registration, and no closure is due', () => {
    const result = created(createCase('c', request({ birthDate: '2006-10-20' }, { receivedOn: '2025-12-01' }), REGISTERED_AT, undefined, { newId: ids('l') }));
    expect(result.state.status).toBe('refused');
    expect(result.letter).toEqual({ id: 'l-1', kind: 'decision' });
    expect(result.state.decisions).toEqual([expect.objectContaining({ outcome: 'refused', decidedOn: '2026-01-05', letterId: 'l-1' })]);
    expect(result.state.decisions[0].reasons).toMatch(/^Barnet var 19 år da ønsket kom inn\. .*vilkår a/);
    expect(dueActions(result.state)).toEqual([]);
  });

  test('when the child turns 18 the day after the request came, then the case is registered as usual and closes at 18', () => {
    const result = created(createCase('c', request({ birthDate: '2008-01-06' }, { receivedOn: '2026-01-05' }), REGISTERED_AT));
    expect(result.state.status).toBe('awaiting_consent');
    expect(result.letter).toBeUndefined();
    expect(dueActions(result.state).map((a) => a.command)).toEqual([{ type: 'closeCase', reason: 'age_limit', on: '2026-01-06' }]);
  });

  test('when a history from before the rule replays, then the request for an adult is registered as it was then', () => {
    const result = created(createCase('c', request({ birthDate: '2006-10-20' }, { receivedOn: '2025-12-01' }), REGISTERED_AT, undefined, { applies: () => false }));
    expect(result.state.status).toBe('awaiting_consent');
    expect(dueActions(result.state, () => false)).toHaveLength(1);
  });
});

describe('law-consenters-only', () => {
  const consent = (over: Partial<RecordConsent>) => transition(registered(), consentCmd(['appointment'], over), ctx(CONSENT_AT));

  test('when someone not among the consenters gives consent, then it is refused with a message that names no one, and nothing changes', () => {
    expect(refusal(consent({ givenBy: 'Ukjent Nabo' }))).toBe(
      'givenBy is not among the consenters of this case: add them as a consenter with their role (addAsConsenter) or record the consent of a consenter',
    );
  });

  test('when a consenter gives consent in another role than the case has them in, then it is refused naming both roles', () => {
    expect(refusal(consent({ givenBy: 'Per Testforelder', role: 'guardian' }))).toBe('givenBy is a consenter of this case as parent, not guardian');
  });

  test('when a consenter gives consent with the name written in other case and spacing, then it is accepted', () => {
    expect(accepted(consent({ givenBy: ' per testforelder ' })).state.status).toBe('kartlegging');
  });

  test('when KE adds a new guardian as consenter with the consent, then the guardian is a consenter with that role and the consent counts', () => {
    const result = accepted(consent({ givenBy: 'Verge Vergesen', role: 'guardian', addAsConsenter: true }));
    expect(result.state.request.consenters).toContainEqual({ name: 'Verge Vergesen', role: 'guardian' });
    expect(result.state.status).toBe('kartlegging');
    expect(result.event.data).toMatchObject({ consenterAdded: true });
  });

  test('when someone other than the child consents as the young person, then it is refused', () => {
    const sixteen = created(createCase('c', request({ birthDate: '2009-01-01' }), REGISTERED_AT)).state;
    expect(refusal(transition(sixteen, consentCmd(['appointment'], { givenBy: 'Per Testforelder', role: 'young_person' }), ctx(CONSENT_AT)))).toBe(
      'givenBy is not the child of this case: a young person consents for themselves only',
    );
  });

  test('when a history from before the rule replays, then the consent of someone else is accepted as it was', () => {
    const result = transition(registered(), consentCmd(['appointment'], { givenBy: 'Ukjent Nabo' }), { ...ctx(CONSENT_AT), applies: () => false });
    expect(accepted(result).state.consents).toHaveLength(1);
  });
});
