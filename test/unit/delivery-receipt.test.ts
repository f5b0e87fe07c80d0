/** The receipt of a letter from SvarUt's statuses (workflows/delivery/receipt.ts), with no server. */
import { POST_DAYS, receiptOn } from '../../workflows/delivery/receipt';

test('when a letter is read or delivered digitally, then it is received that day; read after a digital delivery keeps the earlier day', () => {
  expect(receiptOn('read', '2026-03-10', { state: 'accepted' })).toBe('2026-03-10');
  expect(receiptOn('delivered_digitally', '2026-03-09', { state: 'accepted' })).toBe('2026-03-09');
  expect(receiptOn('read', '2026-03-12', { state: 'delivered_digitally', receivedOn: '2026-03-09' })).toBe('2026-03-09');
  expect(receiptOn('delivered_digitally', '2026-03-11', { state: 'delivered_digitally', receivedOn: '2026-03-09' })).toBe('2026-03-09');
});

test('when a letter is sent to print, then it is received the print day plus the days post takes, also when it was notified digitally and not opened', () => {
  expect(POST_DAYS).toBe(7);
  expect(receiptOn('sent_to_print', '2026-03-10', { state: 'accepted' })).toBe('2026-03-17');
  expect(receiptOn('sent_to_print', '2026-03-13', { state: 'delivered_digitally', receivedOn: '2026-03-10' })).toBe('2026-03-20');
  // PRINTET after SENDT_PRINT: the day SvarUt sent it to print stands.
  expect(receiptOn('sent_to_print', '2026-03-11', { state: 'sent_to_print', receivedOn: '2026-03-17' })).toBe('2026-03-17');
  // Across a month and a year.
  expect(receiptOn('sent_to_print', '2026-12-28', { state: 'accepted' })).toBe('2027-01-04');
});

test('when a letter is only accepted or has failed, then the receipt stays what it was', () => {
  expect(receiptOn('accepted', '2026-03-10', { state: 'sending' })).toBeUndefined();
  expect(receiptOn('failed', '2026-03-10', { state: 'accepted' })).toBeUndefined();
  expect(receiptOn('failed', '2026-03-14', { state: 'delivered_digitally', receivedOn: '2026-03-10' })).toBe('2026-03-10');
});
