/**
 * Deadlines whose dates come from the child's birth date or the termin (deadlines.ts): their
 * keys, `since` and the search attribute carry no such date, and an alert that fired under the
 * old key (with the date) before the change does not fire again. Pure: no server.
 */
import {
  BIRTH_DERIVED_KINDS,
  caseAlerts,
  hasFired,
  liveAlertKeys,
  nextDeadline,
  openDeadlines,
  pendingAlerts,
  revealsBirth,
  searchableNextDeadline,
  shownAlertKey,
} from '../../workflows/case/deadlines';
import { birthdayAt } from '../../workflows/case/dates';
import { DEFAULT_POLICY } from '../../workflows/case/policy';
import type { CaseState } from '../../workflows/case/types';
import { APPOINTED_AT, BIRTH_DATE, CASE_ID, COORDINATOR, apply, appointed, registered, unbornRequest } from './case-states';

const P = DEFAULT_POLICY;
const BK = `coordinator:${COORDINATOR}`;
const TERMIN = '2026-05-01';
const EIGHTEEN = birthdayAt(BIRTH_DATE, 18); // 2034-03-15
const unborn = () => registered({ request: unbornRequest(TERMIN) });
/** What a workflow keeps between runs: its state with the keys it has fired, pruned as workflow.ts does. */
const pruned = (state: CaseState): CaseState => {
  const live = liveAlertKeys(state, P);
  return { ...state, fired: state.fired.filter((k) => live.has(k)) };
};

describe('which kinds reveal a birth', () => {
  test("when the kinds are listed, then the birth of an unborn child, the young person's own consent at 16 and the transition before 18 are those derived from the birth date or termin", () => {
    expect([...BIRTH_DERIVED_KINDS].sort()).toEqual(['birth', 'own_consent', 'transition_planning']);
    expect(revealsBirth('birth')).toBe(true);
    expect(revealsBirth('consent')).toBe(false);
    expect(revealsBirth('something_new')).toBe(false);
  });
});

describe('keys and since', () => {
  test('when a child is unborn, then the birth deadline is since "expected" and its key names no termin', () => {
    const birth = openDeadlines(unborn(), P).find((d) => d.kind === 'birth')!;
    expect(birth).toEqual({ kind: 'birth', since: 'expected', dueAt: '2026-05-14T22:00:00.000Z', responsible: 'ke' });
    const alerts = caseAlerts(unborn(), P).filter((a) => a.deadline.kind === 'birth');
    expect(alerts.map((a) => [a.key, a.legacyKey])).toEqual([[`reminder:${CASE_ID}:birth:expected`, `reminder:${CASE_ID}:birth:${TERMIN}`]]);
  });

  test('when a coordinator is appointed, then the transition is since "age-18" and both its reminders have keys without the 18th birthday', () => {
    const state = appointed();
    expect(openDeadlines(state, P).find((d) => d.kind === 'transition_planning')).toEqual({
      kind: 'transition_planning',
      since: 'age-18',
      dueAt: '2033-09-14T22:00:00.000Z',
      responsible: BK,
    });
    const keys = pendingAlerts(state, P).filter((a) => a.deadline.kind === 'transition_planning').map((a) => [a.key, a.legacyKey, a.recipient]);
    expect(keys).toEqual([
      [`reminder:${CASE_ID}:transition_planning:age-18`, `reminder:${CASE_ID}:transition_planning:${EIGHTEEN}`, BK],
      [`reminder:${CASE_ID}:transition_planning:age-18:ke`, `reminder:${CASE_ID}:transition_planning:${EIGHTEEN}:ke`, 'ke'],
    ]);
  });

  test('when the case is extended to 23, then the transition gets a new key (age-23), so it is reminded of again', () => {
    const first = appointed();
    const fired: CaseState = { ...first, fired: pendingAlerts(first, P).filter((a) => a.deadline.kind === 'transition_planning').map((a) => a.key) };
    const extended = pruned(apply(fired, { type: 'extendCase', toAge: 23 }, '2033-06-01T10:00:00.000Z'));
    expect(extended.fired).toEqual([]);
    expect(pendingAlerts(extended, P).filter((a) => a.deadline.kind === 'transition_planning').map((a) => a.key)).toEqual([
      `reminder:${CASE_ID}:transition_planning:age-23`,
      `reminder:${CASE_ID}:transition_planning:age-23:ke`,
    ]);
  });

  test('when any state has alerts, then no key and no since holds the birth date, the termin or a birthday', () => {
    const dates = [BIRTH_DATE, TERMIN, EIGHTEEN, birthdayAt(BIRTH_DATE, 23)];
    const states = [unborn(), appointed(), appointed({ request: unbornRequest(TERMIN) }), apply(appointed(), { type: 'extendCase', toAge: 23 }, '2033-06-01T10:00:00.000Z')];
    for (const state of states) {
      const text = JSON.stringify({ keys: caseAlerts(state, P).map((a) => a.key), since: openDeadlines(state, P).map((d) => d.since) });
      for (const date of dates) expect(text).not.toContain(date);
    }
  });

  test('when other kinds have alerts, then their keys are as before and have no legacy key', () => {
    const consent = caseAlerts(registered(), P).filter((a) => a.deadline.kind === 'consent');
    expect(consent.map((a) => a.key)).toEqual([`reminder:${CASE_ID}:consent:2026-01-05T09:00:00.000Z`, `escalation:${CASE_ID}:consent:2026-01-05T09:00:00.000Z`]);
    expect(consent.every((a) => a.legacyKey === undefined)).toBe(true);
    expect(caseAlerts(appointed(), P).find((a) => a.deadline.kind === 'kick_off')?.key).toBe(`reminder:${CASE_ID}:kick_off:${APPOINTED_AT}`);
  });
});

describe('alerts fired under the old keys (backward compatibility)', () => {
  test('when a running case fired the birth reminder under the key with the termin, then it does not fire again and the old key is kept while the deadline is open', () => {
    const state: CaseState = { ...unborn(), fired: [`reminder:${CASE_ID}:birth:${TERMIN}`] };
    const [alert] = caseAlerts(state, P).filter((a) => a.deadline.kind === 'birth');
    expect(hasFired(state.fired, alert)).toBe(true);
    expect(pendingAlerts(state, P).map((a) => a.deadline.kind)).not.toContain('birth');
    expect(pruned(state).fired).toEqual([`reminder:${CASE_ID}:birth:${TERMIN}`]);
    // After the next command (consent), still fired.
    const later = pruned(apply(state, { type: 'recordConsent', givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment'], givenOn: '2026-01-10' }, '2026-01-10T10:00:00.000Z'));
    expect(later.fired).toEqual([`reminder:${CASE_ID}:birth:${TERMIN}`]);
    expect(pendingAlerts(later, P).map((a) => a.deadline.kind)).not.toContain('birth');
  });

  test('when a running case fired one of the two transition reminders under its old key, then only the other one is pending, under its new key', () => {
    const state: CaseState = { ...appointed(), fired: [`reminder:${CASE_ID}:transition_planning:${EIGHTEEN}`] };
    const transition = pendingAlerts(state, P).filter((a) => a.deadline.kind === 'transition_planning');
    expect(transition.map((a) => a.key)).toEqual([`reminder:${CASE_ID}:transition_planning:age-18:ke`]);
    expect(pruned(state).fired).toEqual([`reminder:${CASE_ID}:transition_planning:${EIGHTEEN}`]);
  });

  test('when the birth is registered, then the old key goes with the deadline', () => {
    const state: CaseState = { ...unborn(), fired: [`reminder:${CASE_ID}:birth:${TERMIN}`, `reminder:${CASE_ID}:birth:expected`] };
    const born = pruned(apply(state, { type: 'registerBirth', birthDate: '2026-01-06' }, '2026-01-07T10:00:00.000Z'));
    expect(born.fired).toEqual([]);
  });

  test('when an old key is shown or logged, then its date is masked; other keys are shown as they are', () => {
    expect(shownAlertKey(`reminder:${CASE_ID}:transition_planning:${EIGHTEEN}:ke`, 'transition_planning')).toBe(`reminder:${CASE_ID}:transition_planning:date:ke`);
    expect(shownAlertKey(`reminder:${CASE_ID}:birth:expected`, 'birth')).toBe(`reminder:${CASE_ID}:birth:expected`);
    expect(shownAlertKey(`reminder:${CASE_ID}:plan_evaluation:2026-03-01`, 'plan_evaluation')).toBe(`reminder:${CASE_ID}:plan_evaluation:2026-03-01`);
  });
});

describe('searchableNextDeadline', () => {
  test('when the earliest deadline is the birth, then the search attribute takes the next one, and the projection keeps the birth', () => {
    // Termin 5 January: the birth is due 19 January 00:00 Oslo, consent at 19 January 09:00.
    const state = registered({ request: unbornRequest('2026-01-05') });
    expect(nextDeadline(state, P)).toBe('2026-01-18T23:00:00.000Z');
    expect(searchableNextDeadline(state, P)).toBe('2026-01-19T09:00:00.000Z');
  });

  test('when only the transition and the own consent at 16 are open, then there is no searchable deadline', () => {
    const state = apply(appointed(), { type: 'recordKickOff', heldOn: '2026-02-20' }, '2026-02-20T10:00:00.000Z');
    expect(openDeadlines(state, P).map((d) => d.kind)).toEqual(['transition_planning', 'own_consent']);
    expect(nextDeadline(state, P)).toBe('2032-03-14T23:00:00.000Z');
    expect(searchableNextDeadline(state, P)).toBeUndefined();
  });

  test('when the case has ordinary deadlines, then the search attribute is the earliest of them', () => {
    expect(searchableNextDeadline(appointed(), P)).toBe(nextDeadline(appointed(), P));
  });
});
