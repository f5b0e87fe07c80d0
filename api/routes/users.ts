/**
 * KE's table of who may sign in with which roles (AUTH_ROLES_SOURCE=table), for an identity
 * provider that says who someone is but not what they do here (Ansattporten). A change ends the
 * user's open sessions, so it applies at once; each one is recorded with who made it and when.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../errors';
import { principalOf, scopeOf } from '../plugins/auth';

const KE = { roles: ['ke'] } as const;

const subjectParams = z.strictObject({
  subject: z.string().regex(/^[\w.@:|-]{1,200}$/, "the identity provider's subject: 1–200 letters, digits and . @ : | - _"),
});

const assignableRole = z.enum(['ke', 'coordinator', 'leader']);

const userBody = z.strictObject({
  name: z.string().trim().min(1).max(200).describe('The name to show'),
  roles: z
    .array(assignableRole)
    .min(1)
    .max(3)
    .refine((roles) => new Set(roles).size === roles.length, 'each role once')
    .describe('At least one of ke, coordinator, leader'),
});

const user = z
  .object({
    subject: z.string(),
    name: z.string(),
    roles: z.array(assignableRole),
    municipality: z.string(),
    updatedAt: z.string().describe('When the row was last changed'),
    updatedBy: z.string().describe('The subject of who changed it'),
  })
  .meta({ id: 'UserRoles' });

const userList = z.object({ users: z.array(user) }).meta({ id: 'UserRolesList' });

const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ke/users',
    { config: { access: KE }, schema: { tags: ['users'], operationId: 'listUsers', summary: "The municipality's users and their roles", response: { 200: userList } } },
    async (request) => ({ users: await app.userRoles.list(scopeOf(request).municipality) }),
  );

  app.put(
    '/ke/users/:subject',
    {
      config: { access: KE },
      schema: { tags: ['users'], operationId: 'putUser', summary: "Give a user roles, or change theirs", params: subjectParams, body: userBody, response: { 200: user } },
    },
    async (request) => app.userRoles.put(scopeOf(request).municipality, request.params.subject, { name: request.body.name, roles: request.body.roles }, principalOf(request).subject),
  );

  app.delete(
    '/ke/users/:subject',
    {
      config: { access: KE },
      schema: { tags: ['users'], operationId: 'deleteUser', summary: 'Take all roles from a user', params: subjectParams, response: { 204: z.null().describe('Removed') } },
    },
    async (request, reply) => {
      const removed = await app.userRoles.remove(scopeOf(request).municipality, request.params.subject, principalOf(request).subject);
      if (!removed) throw notFound(`no user ${request.params.subject}`);
      return reply.status(204).send(null);
    },
  );
};

export default usersRoutes;
