/**
 * Follow-up after appointment (workflows/case/follow-up.ts through transition() in state.ts): the coordinator's
 * absence and its end, a change of coordinator and the tasks it leaves. Pure: no server.
 */
import { DEFAULT_POLICY } from '../../workflows/case/policy';
import { transition } from '../../workflows/case/state';
import {
  ABSENCE_AT,
  APPOINTED_AT,
  COORDINATOR,
  OTHER_COORDINATOR,
  accepted,
  apply,
  appointCmd,
  appointed,
  ctx,
  granted,
  leave,
  onLeave,
  refusal,
} from './case-states';

describe('recordAbsence', () => {
  test('when the coordinator goes on leave with a substitute, then the absence is kept and the family is to be informed within informFamilyDays (3)', () => {
    const before = appointed();
    const result = accepted(transition(before, leave(), ctx(ABSENCE_AT, { ids: ['t1', 't2', 'letter-1'] })));
    expect(result.state.absence).toEqual({
      id: 'abs-1',
      coordinatorId: COORDINATOR,
      kind: 'leave',
      from: '2026-03-02',
      until: '2026-03-20',
      substituteId: OTHER_COORDINATOR,
      recordedAt: ABSENCE_AT,
    });
    expect(result.state.absencesSeen).toEqual(['abs-1']);
    // law-coordinator-change-tells-all: the collaborators are told who takes over as well.
    expect(result.state.tasks).toEqual([
      { id: 't1', kind: 'inform_family', createdAt: ABSENCE_AT, dueAt: '2026-03-05T10:00:00.000Z' },
      { id: 't2', kind: 'inform_collaborators', createdAt: ABSENCE_AT, dueAt: '2026-03-09T10:00:00.000Z' },
    ]);
    expect(result.state.appointment).toEqual(before.appointment);
    expect(result.event).toEqual({
      type: 'CoordinatorAbsent',
      at: ABSENCE_AT,
      data: { absenceId: 'abs-1', kind: 'leave', from: '2026-03-02', until: '2026-03-20', substituteId: OTHER_COORDINATOR },
    });
  });

  test('when the municipality gives 5 days to inform the family, then the task is due 5 days after the absence is recorded', () => {
    const policy = { ...DEFAULT_POLICY, informFamilyDays: 5 };
    const result = accepted(transition(appointed(), leave(), ctx(ABSENCE_AT, { ids: ['t1', 't2', 'letter-1'], policy })));
    expect(result.state.tasks[0].dueAt).toBe('2026-03-07T10:00:00.000Z');
  });

  test('when the coordinator departs without a substitute, then the absence has no end and no substitute', () => {
    const result = accepted(transition(appointed(), leave({ kind: 'departure', until: undefined, substituteId: undefined }), ctx(ABSENCE_AT, { ids: ['t1', 't2', 'letter-1'] })));
    expect(result.state.absence).toEqual({ id: 'abs-1', coordinatorId: COORDINATOR, kind: 'departure', from: '2026-03-02', recordedAt: ABSENCE_AT });
  });

  test('when the same absence arrives again, then it is refused and nothing is added', () => {
    expect(refusal(transition(onLeave(), leave(), ctx('2026-03-02T10:05:00.000Z')))).toBe('absence abs-1 is already recorded');
  });

  test('when an absence that has ended arrives again, then it is still refused', () => {
    const ended = apply(onLeave(), { type: 'endLeave', absenceId: 'abs-1' }, '2026-03-20T23:00:00.000Z');
    expect(refusal(transition(ended, leave(), ctx('2026-03-21T10:00:00.000Z')))).toBe('absence abs-1 is already recorded');
  });

  test('when the absent coordinator is not the coordinator of the case, then it is refused', () => {
    expect(refusal(transition(appointed(), leave({ coordinatorId: 'coord-9' }), ctx(ABSENCE_AT)))).toBe('the absent coordinator is not the coordinator of this case');
  });

  test('when the case has no appointed coordinator, then it is refused', () => {
    expect(refusal(transition(granted(), leave(), ctx(ABSENCE_AT)))).toBe('the absent coordinator is not the coordinator of this case');
  });

  test('when the substitute is the absent coordinator, then it is refused', () => {
    expect(refusal(transition(appointed(), leave({ substituteId: COORDINATOR }), ctx(ABSENCE_AT)))).toBe('a coordinator cannot substitute for themselves');
  });
});

describe('endLeave', () => {
  test('when the running leave ends, then the absence is cleared, the seen absences and the tasks stay, and the family and the collaborators are to be told the coordinator is back', () => {
    const at = '2026-03-20T23:00:00.000Z';
    const before = onLeave();
    const result = accepted(transition(before, { type: 'endLeave', absenceId: 'abs-1' }, ctx(at)));
    expect(result.state.absence).toBeUndefined();
    expect(result.state.absencesSeen).toEqual(['abs-1']);
    expect(result.state.tasks).toEqual([
      ...before.tasks,
      { id: 'id-1', kind: 'inform_family', createdAt: at, dueAt: '2026-03-23T23:00:00.000Z' },
      { id: 'id-2', kind: 'inform_collaborators', createdAt: at, dueAt: '2026-03-27T23:00:00.000Z' },
    ]);
    expect(result.event).toEqual({ type: 'LeaveEnded', at, data: { absenceId: 'abs-1', coordinatorId: COORDINATOR } });
  });

  test('when another absence id is named, then it is refused', () => {
    expect(refusal(transition(onLeave(), { type: 'endLeave', absenceId: 'abs-2' }, ctx('2026-03-21T10:00:00.000Z')))).toBe('no leave abs-2 is running');
  });

  test('when the absence is a departure, then it is refused: a departure does not end', () => {
    const departed = onLeave({ kind: 'departure', until: undefined, substituteId: undefined });
    expect(refusal(transition(departed, { type: 'endLeave', absenceId: 'abs-1' }, ctx('2026-03-21T10:00:00.000Z')))).toBe('no leave abs-1 is running');
  });

  test('when no absence is running, then it is refused', () => {
    expect(refusal(transition(appointed(), { type: 'endLeave', absenceId: 'abs-1' }, ctx('2026-03-21T10:00:00.000Z')))).toBe('no leave abs-1 is running');
  });
});

describe('change of coordinator (appoint on an appointed case)', () => {
  const CHANGE_AT = '2026-03-03T10:00:00.000Z';
  const change = { type: 'appoint' as const, unitId: 'unit-2', coordinatorId: OTHER_COORDINATOR, appointedOn: '2026-03-03' };

  test('when KE appoints another coordinator during a leave, then the appointment is replaced, the absence cleared and the collaborators are to be told within informCollaboratorsDays (7)', () => {
    const before = onLeave();
    const result = accepted(transition(before, change, ctx(CHANGE_AT, { ids: ['t3', 't4', 'letter-1'] })));
    // toMatchObject, not toEqual: reassign() also copies the command's `type: 'appoint'` into the
    // appointment (reported; a first appointment has exactly these four fields).
    expect(result.state.appointment).toMatchObject({ unitId: 'unit-2', coordinatorId: OTHER_COORDINATOR, appointedOn: '2026-03-03', recordedAt: CHANGE_AT });
    expect(result.state.absence).toBeUndefined();
    expect(result.state.absencesSeen).toEqual(['abs-1']);
    expect(result.state.tasks).toEqual([
      ...before.tasks,
      { id: 't3', kind: 'inform_collaborators', createdAt: CHANGE_AT, dueAt: '2026-03-10T10:00:00.000Z' },
      { id: 't4', kind: 'inform_family', createdAt: CHANGE_AT, dueAt: '2026-03-06T10:00:00.000Z' },
    ]);
    expect(result.state.status).toBe('appointed');
    expect(result.state.statusSince).toBe(APPOINTED_AT);
    expect(result.event).toEqual({
      type: 'CoordinatorChanged',
      at: CHANGE_AT,
      data: { unitId: 'unit-2', coordinatorId: OTHER_COORDINATOR, previousCoordinatorId: COORDINATOR, appointedOn: '2026-03-03' },
    });
    expect(result.letter).toEqual({ id: 'letter-1', kind: 'coordinator_change' });
  });

  test('when KE appoints another coordinator with no absence, then it is a change all the same', () => {
    const result = accepted(transition(appointed(), change, ctx(CHANGE_AT, { ids: ['t2', 't3', 'letter-1'] })));
    expect(result.event.type).toBe('CoordinatorChanged');
    expect(result.state.tasks).toEqual([
      { id: 't2', kind: 'inform_collaborators', createdAt: CHANGE_AT, dueAt: '2026-03-10T10:00:00.000Z' },
      { id: 't3', kind: 'inform_family', createdAt: CHANGE_AT, dueAt: '2026-03-06T10:00:00.000Z' },
    ]);
  });

  test('when KE appoints the coordinator already appointed, then it is refused', () => {
    expect(refusal(transition(appointed(), appointCmd(COORDINATOR, '2026-03-03'), ctx(CHANGE_AT)))).toBe('this coordinator is already appointed');
  });

  test('when the former coordinator is then reported absent, then it is refused: they no longer hold the case', () => {
    const changed = apply(appointed(), change, CHANGE_AT);
    expect(refusal(transition(changed, leave({ absenceId: 'abs-2', substituteId: undefined }), ctx('2026-03-04T10:00:00.000Z')))).toBe(
      'the absent coordinator is not the coordinator of this case',
    );
  });
});

describe('completeTask', () => {
  test('when a task is done, then it keeps the date it was done', () => {
    const result = accepted(transition(onLeave(), { type: 'completeTask', taskId: 't1', doneOn: '2026-03-04' }, ctx('2026-03-04T10:00:00.000Z')));
    expect(result.state.tasks[0]).toEqual({ id: 't1', kind: 'inform_family', createdAt: ABSENCE_AT, dueAt: '2026-03-05T10:00:00.000Z', doneOn: '2026-03-04' });
    expect(result.state.tasks[1].doneOn).toBeUndefined();
    expect(result.event).toEqual({ type: 'TaskCompleted', at: '2026-03-04T10:00:00.000Z', data: { taskId: 't1', kind: 'inform_family', doneOn: '2026-03-04' } });
  });

  test('when a task is completed a second time, then it is refused', () => {
    const done = apply(onLeave(), { type: 'completeTask', taskId: 't1', doneOn: '2026-03-04' }, '2026-03-04T10:00:00.000Z');
    expect(refusal(transition(done, { type: 'completeTask', taskId: 't1', doneOn: '2026-03-05' }, ctx('2026-03-05T10:00:00.000Z')))).toBe('task t1 is already done');
  });

  test('when the task does not exist, then it is refused', () => {
    expect(refusal(transition(onLeave(), { type: 'completeTask', taskId: 'nope', doneOn: '2026-03-04' }, ctx('2026-03-04T10:00:00.000Z')))).toBe(
      'no task nope on this case',
    );
  });
});
