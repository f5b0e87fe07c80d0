/**
 * Text PostgreSQL cannot store (NUL, unpaired UTF-16 surrogates) is refused before anything else
 * looks at it: in a workflow it would make every retry of the case's write fail.
 */
import fp from 'fastify-plugin';
import { badRequest } from '../errors';

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (or key) PostgreSQL could not store, if any. */
export function unstorableText(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (UNSTORABLE.test(key)) return `${path}.${key.replace(UNSTORABLE, '?')}`;
    const found = unstorableText(inner, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export default fp(
  async (app) => {
    app.addHook('preValidation', async (request) => {
      for (const [part, value] of [['body', request.body], ['querystring', request.query], ['params', request.params]] as const) {
        const at = unstorableText(value, part);
        if (at) throw badRequest(`${at}: contains a NUL character or a broken UTF-16 sequence`);
      }
    });
  },
  { name: 'storable-text' },
);
