/**
 * A real SMTP server in the test process (smtp-server), on a free port, that keeps every message
 * it accepts. It can refuse messages (a 4xx after DATA, as a busy or failing server answers) and
 * run a hook when a message has arrived in full but before the server answers 250 — the moment
 * a client that dies has sent the message without knowing it was accepted.
 */
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** RCPT TO addresses. */
  envelopeTo: string[];
  raw: Buffer;
}

export interface ParsedMail {
  envelopeTo: string[];
  messageId: string;
  to: string;
  from: string;
  subject: string;
  text: string;
}

export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  /** Messages refused so far. */
  refused: number;
  /** Refuses the next `count` messages with `code` (default 451, a temporary failure). */
  refuseNext(count: number, code?: number): void;
  /** Refuses every message from now on (until refuseNext(0)). */
  refuseAll(code?: number): void;
  /** Runs when message number n (1-based, accepted ones) has arrived, before the reply. */
  beforeReply?: (n: number, mail: ReceivedMail) => void;
  parsed(): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  let refuse = 0;
  let refuseCode = 451;
  const state: TestSmtpServer = {
    url: '',
    received: [],
    refused: 0,
    refuseNext(count, code = 451) {
      refuse = count;
      refuseCode = code;
    },
    refuseAll(code = 451) {
      refuse = Infinity;
      refuseCode = code;
    },
    async parsed() {
      return Promise.all(
        state.received.map(async (m) => {
          const p = await simpleParser(m.raw);
          const addressText = (a: unknown) => (Array.isArray(a) ? a.map((x) => x.text).join(', ') : ((a as { text?: string } | undefined)?.text ?? ''));
          return { envelopeTo: m.envelopeTo, messageId: p.messageId ?? '', to: addressText(p.to), from: addressText(p.from), subject: p.subject ?? '', text: p.text ?? '' };
        }),
      );
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 200,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      // A client that goes away in the middle of a message: nothing was received.
      stream.on('error', () => undefined);
      stream.on('end', () => {
        if (refuse > 0) {
          refuse -= 1;
          state.refused += 1;
          const err = Object.assign(new Error('Requested action aborted: try again later'), { responseCode: refuseCode });
          callback(err);
          return;
        }
        const mail = { envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) };
        state.received.push(mail);
        state.beforeReply?.(state.received.length, mail);
        callback(null, 'Queued');
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return state;
}
