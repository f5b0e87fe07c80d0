/**
 * SvarUt's forsendelse states (ForsendelseStatus.status in KS's forsendelse-status-api-v2.json)
 * and what each means for a letter to a family. SvarUt picks the channel itself: a digital
 * mailbox or Altinn when the recipient has one and is not reserved, else print and post; a
 * letter notified digitally but not read within some days is printed and posted too.
 *
 * Final states do not change any more; the others are polled until they do or until the case's
 * delivery deadline gives KE a task.
 */
export const SVARUT_STATUSES = [
  'MOTTATT',
  'AKSEPTERT',
  'AVVIST',
  'VARSLET',
  'LEST',
  'SENDT_PRINT',
  'PRINTET',
  'MANUELT_HANDTERT',
  'SENDT_DIGITALT',
  'SENDT_SDP',
  'LEVERT_SDP',
  'KLAR_FOR_MOTTAK',
  'IKKE_LEVERT',
] as const;

export type SvarUtStatus = (typeof SVARUT_STATUSES)[number];

/** Where a letter is, in the case's words. */
export type DeliveryState = 'accepted' | 'delivered_digitally' | 'sent_to_print' | 'read' | 'failed';

export interface MappedStatus {
  state: DeliveryState;
  /** No later status will follow. */
  final: boolean;
}

const MAPPING: Record<SvarUtStatus, MappedStatus> = {
  // Received, not yet validated and accepted for dispatch.
  MOTTATT: { state: 'accepted', final: false },
  AKSEPTERT: { state: 'accepted', final: false },
  // Refused after receipt (invalid document or metadata): nothing reaches the family.
  AVVIST: { state: 'failed', final: true },
  // The recipient was notified of the letter in a digital channel (Altinn); unread, SvarUt prints it later.
  VARSLET: { state: 'delivered_digitally', final: false },
  LEST: { state: 'read', final: true },
  SENDT_PRINT: { state: 'sent_to_print', final: false },
  PRINTET: { state: 'sent_to_print', final: true },
  // Someone at the sender marked it as handled outside SvarUt: SvarUt delivered nothing, KE must record how it was handed over.
  MANUELT_HANDTERT: { state: 'failed', final: true },
  SENDT_DIGITALT: { state: 'delivered_digitally', final: false },
  // Sent to and delivered in the recipient's digital mailbox (sikker digital post: Digipost, e-Boks).
  SENDT_SDP: { state: 'delivered_digitally', final: false },
  LEVERT_SDP: { state: 'delivered_digitally', final: false },
  // Ready for a receiving system to fetch (organisations); for a person, still under way.
  KLAR_FOR_MOTTAK: { state: 'accepted', final: false },
  IKKE_LEVERT: { state: 'failed', final: true },
};

export function isSvarUtStatus(value: unknown): value is SvarUtStatus {
  return typeof value === 'string' && (SVARUT_STATUSES as readonly string[]).includes(value);
}

/** Our delivery state for a SvarUt status; a status this code does not know yet counts as still under way. */
export function mapSvarUtStatus(status: string): MappedStatus {
  return isSvarUtStatus(status) ? MAPPING[status] : { state: 'accepted', final: false };
}
