import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const overviewRoutes: FastifyPluginAsyncZod = async () => {};

export default overviewRoutes;
