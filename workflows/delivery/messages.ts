/**
 * The contract of the letter delivery workflow (workflow.ts): its id, input, policy and the
 * signal that ends it when KE has handed the letter over. One workflow per letter; the id holds
 * the letter id (a uuid), nothing about the family.
 */
import { defineSignal } from '@temporalio/workflow';

export const DELIVERY_WORKFLOW_TYPE = 'letterDeliveryWorkflow';

export function deliveryWorkflowId(letterId: string): string {
  return `letter-delivery-${letterId}`;
}

/** Where a letter is (the letter_deliveries.state column). */
export const DELIVERY_STATES = ['pending', 'by_hand', 'sending', 'accepted', 'delivered_digitally', 'sent_to_print', 'read', 'failed', 'handed_over'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** The family has the letter: its receipt is known and KE can no longer hand it over. */
export const DELIVERED: ReadonlySet<DeliveryState> = new Set(['delivered_digitally', 'read']);

export const HAND_OVER_HOW = ['personlig', 'post', 'annet'] as const;
export type HandOverHow = (typeof HAND_OVER_HOW)[number];

/** KE's record that it handed the letter over itself; written to PostgreSQL by the API before the signal. */
export interface HandOver {
  on: string;
  how: HandOverHow;
}

export const handedOver = defineSignal<[HandOver]>('handedOver');

/** Durations of a delivery, in milliseconds, fixed when the workflow starts. */
export interface DeliveryPolicy {
  /** Between two status polls. */
  pollEveryMs: number;
  /** A letter not delivered (digitally, read or sent to print) this long after sending gives KE an escalation. */
  deliverWithinMs: number;
  /** Polling ends after this long even when SvarUt reports no final status. */
  pollForMs: number;
  /** How long sending is tried (5xx, timeouts) before the letter counts as failed. */
  sendForMs: number;
  /** One attempt to send (lookup and upload). */
  sendAttemptMs: number;
  /** First pause between attempts of a national service call; doubles up to five minutes. */
  retryInitialMs: number;
  /** A letter to be handed over by hand is waited for this long. */
  waitForHandOverMs: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Polled hourly; SvarUt prints a letter notified but unread after some days (three for Altinn),
 * so one not delivered within five days is stuck and KE is told. Statuses after that (PRINTET,
 * LEST) are still taken for 60 days; a letter to be handed over is waited for 90.
 */
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  pollEveryMs: HOUR,
  deliverWithinMs: 5 * DAY,
  pollForMs: 60 * DAY,
  sendForMs: DAY,
  sendAttemptMs: 5 * 60_000,
  retryInitialMs: 10_000,
  waitForHandOverMs: 90 * DAY,
};

export interface DeliveryInput {
  letterId: string;
  caseId: string;
  policy: DeliveryPolicy;
}

/** The reminder kinds a delivery gives KE (worker/reminder-texts.ts). */
export const DELIVERY_REMINDER_KINDS = {
  byHand: 'letter_by_hand',
  notDelivered: 'letter_not_delivered',
  failed: 'letter_failed',
} as const;
