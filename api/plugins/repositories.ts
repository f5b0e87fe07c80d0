/**
 * Data access, one repository per aggregate (api/repositories/), decorated on the app so a
 * route reads as check, call, answer: `app.cases.find(id)`. Each repository is a plain factory
 * over the pool; the auth plugin builds the two it needs itself, as it runs before this one.
 */
import fp from 'fastify-plugin';
import { accessLogRepository, type AccessLogRepository } from '../repositories/access-log';
import { casesRepository, type CasesRepository } from '../repositories/cases';
import { commandRequestsRepository, type CommandRequestsRepository } from '../repositories/command-requests';
import { lettersRepository, type LettersRepository } from '../repositories/letters';
import { overviewRepository, type OverviewRepository } from '../repositories/overview';
import { registryRepository, type RegistryRepository } from '../repositories/registry';
import { remindersRepository, type RemindersRepository } from '../repositories/reminders';
import { userLanguagesRepository } from '../repositories/user-languages';
import { userRolesRepository, type UserRolesRepository } from '../repositories/user-roles';
import { municipalityRegister, type MunicipalityDefaults, type MunicipalityRegister } from '../../lib/municipalities';

declare module 'fastify' {
  interface FastifyInstance {
    cases: CasesRepository;
    letters: LettersRepository;
    registry: RegistryRepository;
    reminders: RemindersRepository;
    commandRequests: CommandRequestsRepository;
    accessLog: AccessLogRepository;
    overview: OverviewRepository;
    userRoles: UserRolesRepository;
    userLanguages: ReturnType<typeof userLanguagesRepository>;
    municipalities: MunicipalityRegister;
  }
}

export default fp(
  async (app, opts: { municipalityDefaults: MunicipalityDefaults }) => {
    app.decorate('cases', casesRepository(app.pg));
    app.decorate('letters', lettersRepository(app.pg));
    app.decorate('registry', registryRepository(app.pg));
    app.decorate('reminders', remindersRepository(app.pg));
    app.decorate('commandRequests', commandRequestsRepository(app.pg));
    app.decorate('accessLog', accessLogRepository(app.pg));
    app.decorate('overview', overviewRepository(app.pg));
    app.decorate('userRoles', userRolesRepository(app.pg));
    app.decorate('userLanguages', userLanguagesRepository(app.pg));
    app.decorate('municipalities', municipalityRegister(app.pg, opts.municipalityDefaults));
  },
  { name: 'repositories', dependencies: ['db'] },
);
