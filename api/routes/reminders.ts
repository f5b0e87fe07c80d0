import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const remindersRoutes: FastifyPluginAsyncZod = async () => {};

export default remindersRoutes;
