/**
 * The remote codec endpoint for the Temporal UI and CLI: decodes (and encodes) payloads with the
 * service's keys, so an operator can read a case's history without the keys leaving the
 * service. Only `ops` and `ke` tokens; the protocol is Temporal's (Payloads as proto JSON, bytes
 * in base64; only the last part of the URL names the operation).
 * https://github.com/temporalio/samples-go/blob/main/codec-server/protocol.md
 */
import type { Payload } from '@temporalio/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AesGcmCodec, type PayloadKeys } from '../../lib/codec';
import { principalOf } from '../plugins/auth';
import { badRequest } from '../errors';

const base64 = z.base64().max(4 * 1024 * 1024);
const jsonPayload = z.strictObject({
  metadata: z.record(z.string().max(200), base64).nullish(),
  data: base64.nullish(),
  externalPayloads: z.array(z.unknown()).max(0).optional(),
});
// Proto3 JSON leaves out an empty list, so "no payloads" arrives as {} (the CLI's `workflow
// query` of a query without arguments): that is an empty list, answered with one.
const payloadsBody = z.strictObject({ payloads: z.array(jsonPayload).max(10_000).default([]) });
type JsonPayload = z.infer<typeof jsonPayload>;

const fromJson = ({ metadata, data }: JsonPayload): Payload => ({
  metadata: metadata ? Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])) : {},
  data: data ? Buffer.from(data, 'base64') : undefined,
});

const toJson = ({ metadata, data }: Payload) => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  ...(data ? { data: Buffer.from(data).toString('base64') } : {}),
});

const codecRoutes: FastifyPluginAsyncZod<{ keys: PayloadKeys }> = async (app, { keys }) => {
  const codec = new AesGcmCodec(keys);
  for (const operation of ['encode', 'decode'] as const) {
    app.post(
      `/codec/${operation}`,
      {
        config: { access: { roles: ['ops', 'ke'] } },
        bodyLimit: 8 * 1024 * 1024,
        schema: {
          tags: ['operations'],
          operationId: `${operation}Payloads`, summary: `${operation === 'decode' ? 'Decrypt' : 'Encrypt'} Temporal payloads (codec endpoint for the Temporal UI and CLI)`,
          body: payloadsBody,
          response: { 200: z.object({ payloads: z.array(z.unknown()) }) },
        },
      },
      async (request) => {
        const payloads = request.body.payloads.map(fromJson);
        let result: Payload[];
        try {
          result = operation === 'decode' ? await codec.decode(payloads) : await codec.encode(payloads);
        } catch {
          throw badRequest(`payloads: could not ${operation} (unknown key or damaged payload)`);
        }
        // Who decoded how much; never what.
        request.log.info({ subject: principalOf(request).subject, operation, payloads: payloads.length }, 'codec used');
        return { payloads: result.map(toJson) };
      },
    );
  }
};

export default codecRoutes;
