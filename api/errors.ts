/**
 * Every error the API answers is an RFC 9457 problem details object (`application/problem+json`):
 * `type` names the kind of problem, `title` is its fixed summary, `status` the HTTP status,
 * `detail` what was wrong with this request, `instance` the request's id. Refusals by a case's
 * rules add the `rule` that refused; invalid input adds the `errors`, one per field.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CaseErrorType } from '../workflows/case/messages';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The kinds of problem, each with its status and title. The `type` URI is `/problems/<code>`. */
export const PROBLEMS = {
  bad_request: { status: 400, title: 'The request is not valid' },
  unauthorized: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'Your role may not do this' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: "The case's rules do not allow this now" },
  precondition_failed: { status: 412, title: 'The case has changed since the version you hold' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  not_acceptable: { status: 406, title: 'None of the accepted media types can be served' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  unprocessable: { status: 422, title: 'The data cannot be recorded' },
  precondition_required: { status: 428, title: 'A precondition is required' },
  too_many_requests: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export const problemType = (code: ProblemCode) => `/problems/${code.replaceAll('_', '-')}`;

const fieldError = z.object({
  field: z.string().describe("Where in the request, e.g. 'body.child.birthDate'"),
  message: z.string(),
});

/** The one error body of the API, in the OpenAPI document as the response of every 4xx and 5xx. */
export const problemDetails = z
  .object({
    type: z.string().describe('A URI reference naming the kind of problem, e.g. /problems/conflict'),
    title: z.string().describe('The fixed summary of that kind of problem'),
    status: z.number().int().describe('The HTTP status'),
    detail: z.string().describe('What was wrong with this request, for a person to read'),
    instance: z.string().optional().describe("The request's id (also in the x-request-id header)"),
    rule: z.string().optional().describe("The case rule that refused a command, e.g. 'InvalidTransition'"),
    errors: z.array(fieldError).optional().describe('Invalid input, one entry per field'),
  })
  .meta({
    id: 'Problem',
    examples: [{ type: '/problems/conflict', title: PROBLEMS.conflict.title, status: 409, detail: 'the case is closed', instance: '6b1f0c8e-3d6a-4c53-9d5f-0a2b7f3c1e44' }],
  });

export type Problem = z.infer<typeof problemDetails>;

/** An error whose status and detail are safe to show the caller. */
export class HttpError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly extra: Pick<Problem, 'rule' | 'errors'> = {},
  ) {
    super(message);
    this.statusCode = PROBLEMS[code].status;
  }
}

export const notFound = (message: string) => new HttpError('not_found', message);
export const conflict = (message: string) => new HttpError('conflict', message);
export const badRequest = (message: string) => new HttpError('bad_request', message);
export const unauthorized = (message: string) => new HttpError('unauthorized', message);
export const forbidden = (message: string) => new HttpError('forbidden', message);
export const preconditionFailed = (message: string) => new HttpError('precondition_failed', message);
export const tooManyRequests = (message: string) => new HttpError('too_many_requests', message);

/** Which problem a refusal by the case workflow is. */
const UPDATE_ERROR: Partial<Record<string, ProblemCode>> = {
  [CaseErrorType.InvalidTransition]: 'conflict',
  [CaseErrorType.AlreadyRegistered]: 'conflict',
  [CaseErrorType.NotRegistered]: 'conflict',
  [CaseErrorType.ForeignReference]: 'bad_request',
  [CaseErrorType.Unrecordable]: 'unprocessable',
  [CaseErrorType.VersionMismatch]: 'precondition_failed',
};

const CODE_BY_STATUS = new Map<number, ProblemCode>(Object.entries(PROBLEMS).map(([code, p]) => [p.status, code as ProblemCode]));

export function sendProblem(request: FastifyRequest, reply: FastifyReply, code: ProblemCode, detail: string, extra: Pick<Problem, 'rule' | 'errors'> = {}) {
  const { status, title } = PROBLEMS[code];
  const body: Problem = { type: problemType(code), title, status, detail, instance: request.id, ...extra };
  return reply.status(status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** Maps every error to a problem; 5xx details stay in the log. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const errors = err.validation.map((v) => ({
        field: [err.validationContext ?? 'body', ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'is not valid',
      }));
      return sendProblem(request, reply, 'bad_request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
    }
    if (err instanceof HttpError) return sendProblem(request, reply, err.code, err.message, err.extra);
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      const code = UPDATE_ERROR[err.cause.type ?? ''];
      if (code) return sendProblem(request, reply, code, err.cause.message, { rule: err.cause.type ?? undefined });
    }
    if (err instanceof WorkflowNotFoundError) return sendProblem(request, reply, 'not_found', 'no such case');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(request, reply, CODE_BY_STATUS.get(err.statusCode) ?? 'bad_request', err.message);
    }
    request.log.error({ err }, 'request failed');
    return sendProblem(request, reply, 'internal', 'internal server error');
  });
  // An unknown route tells nothing about what exists.
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 'not_found', 'no such resource'));
}
