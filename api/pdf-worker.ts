/**
 * The body of a PDF worker thread (api/pdf-pool.ts): renders one letter at a time and sends
 * the bytes back, so layout and font subsetting never run on the API's event loop.
 */
import { parentPort } from 'node:worker_threads';
import { letterPdf } from '../activities/letters/pdf';
import type { RenderReply, RenderRequest } from './pdf-pool';

if (!parentPort) throw new Error('api/pdf-worker.ts runs only as a worker thread');
const port = parentPort;

port.on('message', async (request: RenderRequest) => {
  let reply: RenderReply;
  try {
    const pdf = await letterPdf(request.letter, { createdAt: request.createdAt, letterhead: request.letterhead });
    // A copy that owns its memory (pdfkit's chunks come from Buffer's shared pool), moved, not cloned.
    const bytes = new Uint8Array(pdf);
    port.postMessage({ id: request.id, pdf: bytes } satisfies RenderReply, [bytes.buffer]);
    return;
  } catch (err) {
    reply = { id: request.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
