/**
 * Renders letter PDFs in worker threads, off the API's event loop: a PDF takes tens to hundreds
 * of milliseconds of CPU (layout, font subsetting, compression), and on the event loop one
 * user's downloads held up every other request. A few threads, started on first use, each
 * rendering one letter at a time; requests beyond them wait in a queue. A thread that dies or
 * takes too long is replaced, and the letter it had fails with an error.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LetterBody } from '../activities/letters/text';
import type { Letterhead } from '../activities/letters/pdf';

export interface RenderRequest {
  id: number;
  letter: LetterBody;
  createdAt?: string;
  letterhead?: Letterhead;
}

export type RenderReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

export interface PdfPool {
  render(letter: LetterBody, createdAt?: string, letterhead?: Letterhead): Promise<Buffer>;
  /** Letters rendered so far (tests, metrics). */
  readonly rendered: number;
  close(): Promise<void>;
}

export interface PdfPoolOptions {
  /** Threads at most (default 2). */
  size?: number;
  /** A render taking longer fails and its thread is replaced (default 30 s). */
  timeoutMs?: number;
}

interface Task {
  id: number;
  request: RenderRequest;
  resolve(pdf: Buffer): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  task?: Task;
  timer?: NodeJS.Timeout;
}

/**
 * The thread's entry: api/pdf-worker.ts, loaded through tsx's require hook so that it runs the
 * same TypeScript whether the API was started by tsx (npm start) or inside jest; in the compiled
 * build (npm run build, the production image) the JavaScript next to this file.
 */
function bootstrap(): string {
  if (__filename.endsWith('.js')) return `require(${JSON.stringify(join(__dirname, 'pdf-worker.js'))});`;
  return [
    `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();`,
    `require(${JSON.stringify(join(__dirname, 'pdf-worker.ts'))});`,
  ].join('\n');
}

export function createPdfPool(options: PdfPoolOptions = {}): PdfPool {
  const size = Math.max(1, options.size ?? 2);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const slots: Slot[] = [];
  const queue: Task[] = [];
  let nextId = 1;
  let rendered = 0;
  let closed = false;

  function spawn(): Slot {
    const worker = new Worker(bootstrap(), { eval: true, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 256 } });
    // An idle thread does not keep the process alive.
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (reply: RenderReply) => {
      const task = slot.task;
      if (!task || task.id !== reply.id) return;
      finish(slot);
      if ('pdf' in reply) {
        rendered++;
        task.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
      } else {
        task.reject(new Error(`PDF rendering failed: ${reply.error}`));
      }
      pump();
    });
    const lost = (why: string) => {
      const i = slots.indexOf(slot);
      if (i < 0) return;
      slots.splice(i, 1);
      const task = slot.task;
      finish(slot);
      task?.reject(new Error(`PDF rendering failed: ${why}`));
      pump();
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => lost(`the worker thread exited (${code})`));
    slots.push(slot);
    return slot;
  }

  function finish(slot: Slot) {
    clearTimeout(slot.timer);
    slot.task = undefined;
    slot.timer = undefined;
    slot.worker.unref();
  }

  function pump() {
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => !s.task) ?? (slots.length < size ? spawn() : undefined);
      if (!slot) return;
      const task = queue.shift()!;
      slot.task = task;
      // A thread at work keeps the process alive until its letter is done.
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        // The thread goes (a new one takes the queue); nothing more is given to it.
        slots.splice(slots.indexOf(slot), 1);
        finish(slot);
        task.reject(new Error(`PDF rendering took longer than ${timeoutMs} ms`));
        void slot.worker.terminate();
        pump();
      }, timeoutMs);
      slot.worker.postMessage(task.request);
    }
  }

  return {
    render(letter, createdAt, letterhead) {
      if (closed) return Promise.reject(new Error('the PDF pool is closed'));
      return new Promise<Buffer>((resolve, reject) => {
        const id = nextId++;
        queue.push({ id, request: { id, letter, createdAt, letterhead }, resolve, reject });
        pump();
      });
    },
    get rendered() {
      return rendered;
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0)) task.reject(new Error('the PDF pool is closed'));
      const all = slots.splice(0);
      for (const slot of all) {
        const task = slot.task;
        finish(slot);
        task?.reject(new Error('the PDF pool is closed'));
      }
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
