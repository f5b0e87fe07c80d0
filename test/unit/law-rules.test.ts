/** The rules of issue #14 (the law, second reading) in the pure state machine, each named after its rule. */
import { dueActions } from '../../workflows/case/deadlines';
import { createCase } from '../../workflows/case/state';
import { REGISTERED_AT, created, request } from './case-states';

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
