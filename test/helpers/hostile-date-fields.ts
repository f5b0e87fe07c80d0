/**
 * The fields of the hostile-dates tests: every date and time field of every command, each with
 * the case it needs (made by the builders of test/helpers/hostile-dates.ts) and what a refusal
 * of it must name.
 */
import { today } from './fixtures';
import {
  appointed,
  consent,
  consented,
  coordinators,
  day,
  granted,
  inHours,
  mapped,
  ok,
  plannedMeeting,
  refused,
  registered,
  request,
  send,
  unbornRequest,
  withGroup,
  type Field,
  type Target,
} from './hostile-dates';

const same = async (t: Target) => t;

export const FIELDS: Field[] = [
  {
    name: 'POST /cases child.birthDate',
    kind: 'date',
    names: /birthDate/,
    prepare: async () => ({ url: '/cases', body: (v) => request({ name: 'Dato Testbarn', birthDate: v }) }),
    next: same,
    made: (a) => a.body.id,
  },
  {
    name: 'POST /cases child.expectedDate',
    kind: 'date',
    names: /expectedDate/,
    prepare: async () => ({ url: '/cases', body: (v) => request({ name: 'Ufødt Testbarn', expectedDate: v }) }),
    next: same,
    made: (a) => a.body.id,
  },
  {
    name: 'POST /cases receivedOn',
    kind: 'date',
    names: /receivedOn/,
    prepare: async () => ({ url: '/cases', body: (v) => request(undefined, v) }),
    next: same,
    made: (a) => a.body.id,
  },
  {
    name: 'consents givenOn',
    kind: 'date',
    names: /givenOn/,
    prepare: async () => {
      const id = await registered();
      return { caseId: id, url: `/cases/${id}/consents`, body: (v) => consent(v) };
    },
    next: same,
  },
  {
    name: 'consents/withdrawal on',
    kind: 'date',
    names: /^(body\.)?on\b/,
    prepare: async () => {
      const id = await consented();
      return { caseId: id, url: `/cases/${id}/consents/withdrawal`, body: (v) => ({ scopes: ['appointment'], withdrawnBy: 'Per Testforelder', on: v }) };
    },
  },
  {
    name: 'kartlegging/schedule scheduledAt',
    kind: 'instant',
    names: /scheduledAt/,
    prepare: async () => {
      const id = await consented();
      return { caseId: id, url: `/cases/${id}/kartlegging/schedule`, body: (v) => ({ scheduledAt: v }) };
    },
    next: same,
  },
  {
    name: 'kartlegging heldOn',
    kind: 'date',
    names: /heldOn/,
    prepare: async () => {
      const id = await consented();
      return { caseId: id, url: `/cases/${id}/kartlegging`, body: (v) => ({ heldOn: v, participants: ['Per Testforelder'], childParticipated: true }) };
    },
    next: same,
  },
  {
    name: 'decision decidedOn',
    kind: 'date',
    names: /decidedOn/,
    prepare: async () => {
      const id = await mapped();
      return { caseId: id, url: `/cases/${id}/decision`, body: (v) => ({ outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', decidedOn: v }) };
    },
  },
  {
    name: 'complaints receivedOn',
    kind: 'date',
    names: /receivedOn|family learned/,
    prepare: async () => {
      const id = await refused();
      return { caseId: id, url: `/cases/${id}/complaints`, body: (v) => ({ about: 'refusal', receivedOn: v }) };
    },
    next: same,
  },
  {
    name: 'complaints familyLearnedOn',
    kind: 'date',
    names: /familyLearnedOn|family learned/,
    prepare: async () => {
      const id = await refused();
      return { caseId: id, url: `/cases/${id}/complaints`, body: (v) => ({ about: 'refusal', receivedOn: today(), familyLearnedOn: v }) };
    },
    next: same,
  },
  {
    name: 'complaints/:complaintId/outcome on',
    kind: 'date',
    names: /^(body\.)?on\b/,
    prepare: async () => {
      const id = await refused();
      return complaintTarget(id);
    },
    // The complaint is forwarded now: the next value goes to a new complaint.
    next: async (t) => complaintTarget(t.caseId!),
  },
  {
    name: 'appointment appointedOn',
    kind: 'date',
    names: /appointedOn/,
    prepare: async () => {
      const id = await granted();
      const { unitId, a } = await coordinators();
      return { caseId: id, url: `/cases/${id}/appointment`, body: (v) => ({ unitId, coordinatorId: a, appointedOn: v }) };
    },
  },
  {
    name: 'kick-off heldOn',
    kind: 'date',
    names: /heldOn/,
    prepare: async () => {
      const id = await appointed();
      return { caseId: id, url: `/cases/${id}/kick-off`, body: (v) => ({ heldOn: v }) };
    },
    next: same,
  },
  {
    name: 'ansvarsgruppe firstMeetingAt',
    kind: 'instant',
    names: /firstMeetingAt/,
    prepare: async () => {
      const id = await appointed();
      return { caseId: id, url: `/cases/${id}/ansvarsgruppe`, body: (v) => ({ intervalMonths: 3, firstMeetingAt: v }) };
    },
    // Without consent to share information the group is gone; given again, it can be established anew.
    next: async (t) => {
      await ok(`/cases/${t.caseId}/consents/withdrawal`, { scopes: ['information_sharing'], withdrawnBy: 'Per Testforelder', on: today() });
      await ok(`/cases/${t.caseId}/consents`, consent(today()));
      return t;
    },
  },
  {
    name: 'meetings at',
    kind: 'instant',
    names: /^(body\.)?at\b/,
    prepare: async () => {
      const { id } = await withGroup();
      return { caseId: id, url: `/cases/${id}/meetings`, body: (v) => ({ at: v }) };
    },
    next: same,
  },
  {
    name: 'meetings/:meetingId/move at',
    kind: 'instant',
    names: /^(body\.)?at\b/,
    prepare: async () => {
      const { id, view } = await withGroup();
      return { caseId: id, url: `/cases/${id}/meetings/${plannedMeeting(view)}/move`, body: (v) => ({ at: v }) };
    },
    next: same,
  },
  {
    name: 'meetings/:meetingId/held heldOn',
    kind: 'date',
    names: /heldOn/,
    prepare: async () => {
      const { id, view } = await withGroup();
      return heldTarget(id, view);
    },
    // The next meeting is planned by itself once none is.
    next: async (t, answer) => heldTarget(t.caseId!, answer.body),
  },
  {
    name: 'meetings/:meetingId/minutes writtenOn',
    kind: 'date',
    names: /writtenOn/,
    prepare: async () => {
      const { id, view } = await withGroup();
      return minutesTarget(id, view);
    },
    next: async (t, answer) => minutesTarget(t.caseId!, answer.body),
  },
  {
    name: 'individual-plan on',
    kind: 'date',
    names: /^(body\.)?on\b/,
    prepare: async () => {
      const id = await appointed();
      await ok(`/cases/${id}/individual-plan`, { status: 'active', on: today() });
      return { caseId: id, url: `/cases/${id}/individual-plan`, body: (v) => ({ status: 'evaluated', on: v }) };
    },
    next: same,
  },
  {
    name: 'birth birthDate',
    kind: 'date',
    names: /birth/,
    prepare: async () => {
      const id = await registered(unbornRequest());
      return { caseId: id, url: `/cases/${id}/birth`, body: (v) => ({ birthDate: v }) };
    },
  },
  {
    name: 'tasks/:taskId/completion doneOn',
    kind: 'date',
    names: /doneOn/,
    prepare: async () => {
      const id = await appointed();
      return taskTarget(id);
    },
    next: async (t) => taskTarget(t.caseId!),
  },
  {
    name: 'closure on',
    kind: 'date',
    names: /^(body\.)?on\b/,
    prepare: async () => {
      const id = await registered();
      return { caseId: id, url: `/cases/${id}/closure`, body: (v) => ({ reason: 'other', on: v, note: 'Test av datoer.' }) };
    },
  },
];

async function complaintTarget(id: string): Promise<Target> {
  const view = await ok(`/cases/${id}/complaints`, { about: 'refusal', receivedOn: day(-20) });
  const complaint = view.complaints.at(-1).id;
  return { caseId: id, url: `/cases/${id}/complaints/${complaint}/outcome`, body: (v) => ({ outcome: 'forwarded_to_statsforvalteren', reasons: 'Sendt videre.', on: v }) };
}

async function heldTarget(id: string, view: any): Promise<Target> {
  const meeting = plannedMeeting(view) ?? plannedMeeting(await ok(`/cases/${id}/meetings`, { at: inHours(24 * 20) }));
  return { caseId: id, url: `/cases/${id}/meetings/${meeting}/held`, body: (v) => ({ heldOn: v }) };
}

async function minutesTarget(id: string, view: any): Promise<Target> {
  const planned = plannedMeeting(view) ?? plannedMeeting(await ok(`/cases/${id}/meetings`, { at: inHours(24 * 20) }));
  await ok(`/cases/${id}/meetings/${planned}/held`, { heldOn: day(-10) });
  return { caseId: id, url: `/cases/${id}/meetings/${planned}/minutes`, body: (v) => ({ writtenOn: v }) };
}

/** A change of coordinator owes the collaborators a message: a task, done the day it is given at the earliest. */
async function taskTarget(id: string): Promise<Target> {
  const { unitId, a, b } = await coordinators();
  const current = (await send('GET', `/cases/${id}`)).body.appointment.coordinatorId;
  const view = await ok(`/cases/${id}/appointment`, { unitId, coordinatorId: current === a ? b : a, appointedOn: today() });
  const task = view.tasks.find((t: { doneOn?: string }) => !t.doneOn);
  return { caseId: id, url: `/cases/${id}/tasks/${task.id}/completion`, body: (v) => ({ doneOn: v }) };
}
