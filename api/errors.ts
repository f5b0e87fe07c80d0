import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { CaseErrorType } from '../workflows/case/messages';

/** An error whose status and message are safe to show the caller. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const conflict = (message: string) => new HttpError(409, 'conflict', message);
export const badRequest = (message: string) => new HttpError(400, 'bad_request', message);
export const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);

const UPDATE_ERROR_STATUS: Record<string, number> = {
  [CaseErrorType.InvalidTransition]: 409,
  [CaseErrorType.AlreadyRegistered]: 409,
  [CaseErrorType.NotRegistered]: 409,
  [CaseErrorType.ForeignReference]: 400,
  [CaseErrorType.Unrecordable]: 422,
};
const STATUS_CODE: Record<number, string> = { 400: 'bad_request', 409: 'conflict', 422: 'unprocessable' };

/** Maps every error to a status and a message; 5xx details stay in the log. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const message = err.validation
        .map((v) => [err.validationContext ?? 'body', ...v.instancePath.split('/').filter(Boolean)].join('.') + `: ${v.message}`)
        .join('; ');
      return reply.status(400).send({ error: 'bad_request', message });
    }
    if (err instanceof HttpError) return reply.status(err.statusCode).send({ error: err.code, message: err.message });
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      const status = UPDATE_ERROR_STATUS[err.cause.type ?? ''];
      if (status) return reply.status(status).send({ error: STATUS_CODE[status], message: err.cause.message });
    }
    if (err instanceof WorkflowNotFoundError) return reply.status(404).send({ error: 'not_found', message: 'no such case' });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: err.code ?? 'bad_request', message: err.message });
    }
    request.log.error({ err }, 'request failed');
    return reply.status(500).send({ error: 'internal', message: 'internal server error' });
  });
}
