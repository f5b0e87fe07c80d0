/**
 * Static checks of the production wiring in docker-compose.yml and the Dockerfile: no Docker
 * needed. They catch the drift that only shows on a deploy, such as a search attribute the
 * workflow sets but nobody registers, or an environment variable the config does not know.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../lib/config';
import { searchAttributes } from '../../workflows/case/messages';

const ROOT = join(__dirname, '..', '..');

type Commandish = string | string[] | undefined;
interface Service {
  image?: string;
  build?: unknown;
  command?: Commandish;
  entrypoint?: Commandish;
  environment?: Record<string, unknown> | string[];
  ports?: Array<string | number | { published?: string | number; target?: number }>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: Array<string | { source?: string; target?: string }>;
  healthcheck?: { test?: Commandish };
  restart?: string;
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };
const services = compose.services;
const service = (name: string): Service => {
  const s = services[name];
  if (!s) throw new Error(`docker-compose.yml has no service ${name}`);
  return s;
};

/** What a deployment must set (compose's `${VAR:?}`): the municipality's identity provider. */
const DEPLOYMENT_VARS: Record<string, string> = { AUTH_ISSUER: 'https://idp.kommune.example/' };

/**
 * Compose interpolation with only the required variables set: `${VAR:-default}` and
 * `${VAR-default}` become the default, `${VAR}` and `$VAR` become empty, `$$` is a literal `$`,
 * and `${VAR:?message}` fails unless the variable is set.
 */
function interpolate(value: string, vars: Record<string, string> = DEPLOYMENT_VARS): string {
  return value.replace(/\$\$|\$\{([A-Za-z_]\w*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_]\w*)/g, (match, name, op, arg, bare) => {
    if (match === '$$') return '$';
    const set = vars[name ?? bare];
    if (set !== undefined) return set;
    if (op === ':?' || op === '?') throw new Error(`${match} is required and has no default`);
    return op ? arg : '';
  });
}

function environment(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  const pairs = Array.isArray(env)
    ? env.map((line) => {
        const i = line.indexOf('=');
        return [line.slice(0, i), line.slice(i + 1)] as const;
      })
    : Object.entries(env).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)] as const);
  return Object.fromEntries(pairs.map(([k, v]) => [k, interpolate(v)]));
}

const commandText = (c: Commandish): string => (Array.isArray(c) ? c.join(' ') : (c ?? ''));

function dependencies(name: string): Record<string, string> {
  const deps = service(name).depends_on ?? [];
  return Array.isArray(deps)
    ? Object.fromEntries(deps.map((d) => [d, 'service_started']))
    : Object.fromEntries(Object.entries(deps).map(([d, v]) => [d, v?.condition ?? 'service_started']));
}

/** Published ports as "host:container", without a bind address. */
function published(name: string): string[] {
  return (service(name).ports ?? []).map((p) => {
    if (typeof p === 'object') return `${p.published}:${p.target}`;
    const parts = interpolate(String(p)).split(':');
    return parts.length === 1 ? `${parts[0]}:${parts[0]}` : parts.slice(-2).join(':');
  });
}

/** The files a service's command runs, e.g. api/server.ts. */
const entryFiles = (command: string): string[] => command.match(/[\w./-]+\.ts\b/g) ?? [];

const dockerfile = existsSync(join(ROOT, 'Dockerfile')) ? readFileSync(join(ROOT, 'Dockerfile'), 'utf8') : '';
/** Top-level folders and files the runtime stage copies from the build context. */
const copied = (() => {
  const runtime = dockerfile.split(/^FROM .* AS runtime$/m)[1] ?? '';
  return runtime
    .split('\n')
    .filter((l) => /^COPY\s/.test(l) && !l.includes('--from='))
    .flatMap((l) => l.trim().split(/\s+/).slice(1, -1))
    .map((src) => src.replace(/^\.\//, '').split('/')[0]);
})();

const SA_TYPE_NAMES: Record<string, string> = {
  KEYWORD: 'Keyword',
  DATETIME: 'Datetime',
  TEXT: 'Text',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  KEYWORD_LIST: 'KeywordList',
};

const APP_SERVICES = ['migrate', 'worker', 'api'];

describe('docker-compose production stack', () => {
  it('when the stack is read, then it has every service of the production shape', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'temporal', 'temporal-admin-tools', 'temporal-ui', 'migrate', 'worker', 'api']),
    );
    expect(service('postgres').image).toMatch(/^postgres:17/);
    expect(service('temporal').image).toBe('temporalio/auto-setup:1.29.1');
    expect(service('temporal-admin-tools').image).toBe('temporalio/admin-tools:1.29.1');
    expect(service('temporal-ui').image).toBe('temporalio/ui:2.34.0');
    for (const name of APP_SERVICES) expect(service(name).build).toBe('.');
  });

  it('when the UI and the API are published, then the UI answers on 8080 and the API on 3000', () => {
    expect(published('temporal-ui')).toContain('8080:8080');
    expect(published('api')).toContain('3000:3000');
    expect(environment('temporal-ui').TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('when Temporal starts, then it persists to the postgres service', () => {
    const env = environment('temporal');
    expect(env).toMatchObject({ DB: 'postgres12', DB_PORT: '5432', POSTGRES_SEEDS: 'postgres', DEFAULT_NAMESPACE: 'default' });
    expect(env.POSTGRES_USER).toBe(environment('postgres').POSTGRES_USER);
    expect(env.POSTGRES_PWD).toBe(environment('postgres').POSTGRES_PASSWORD);
    expect(dependencies('temporal').postgres).toBe('service_healthy');
  });

  it('when postgres initialises its volume, then it creates the app database and both Temporal databases', () => {
    const initMount = (service('postgres').volumes ?? []).map(String).find((v) => v.includes('/docker-entrypoint-initdb.d'));
    expect(initMount).toMatch(/^\.\/db\/compose-init:/);
    const sql = readFileSync(join(ROOT, 'db', 'compose-init', '01-databases.sql'), 'utf8');
    const temporalEnv = environment('temporal');
    const appDb = new URL(environment('api').DATABASE_URL).pathname.slice(1);
    for (const db of [appDb, temporalEnv.DBNAME ?? 'temporal', temporalEnv.VISIBILITY_DBNAME ?? 'temporal_visibility']) {
      expect(sql).toMatch(new RegExp(`CREATE DATABASE ${db}\\b`));
    }
    expect(commandText(service('postgres').healthcheck?.test)).toContain('pg_isready');
  });

  it('when admin tools run, then they register every search attribute the workflow sets, with its type', () => {
    const admin = service('temporal-admin-tools');
    const script = interpolate(`${commandText(admin.entrypoint)}\n${commandText(admin.command)}`);
    const keys = Object.values(searchAttributes);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(script).toContain(key.name);
      expect(script).toContain(`${key.name}=${SA_TYPE_NAMES[key.type]}`);
    }
    expect(script).toContain('temporal operator search-attribute create');
    expect(script).toContain('temporal operator namespace create');
    const env = environment('temporal-admin-tools');
    expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(env.NAMESPACE).toBe(environment('worker').TEMPORAL_NAMESPACE);
    expect(env.NAMESPACE).toBe(environment('api').TEMPORAL_NAMESPACE);
  });

  it('when api and worker start, then they reach Postgres at host postgres and Temporal at temporal:7233', () => {
    for (const name of ['api', 'worker']) {
      const env = environment(name);
      const url = new URL(env.DATABASE_URL);
      expect(url.hostname).toBe('postgres');
      expect(url.port).toBe('5432');
      expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(env.NODE_ENV).toBe('production');
    }
    const migrateUrl = new URL(environment('migrate').DATABASE_URL);
    expect(migrateUrl.hostname).toBe('postgres');
    expect(migrateUrl.pathname).toBe(new URL(environment('api').DATABASE_URL).pathname);
  });

  it('when the defaults are used, then the services log in to Postgres with the credentials it was given', () => {
    const pg = environment('postgres');
    for (const name of APP_SERVICES) {
      const url = new URL(environment(name).DATABASE_URL);
      expect(decodeURIComponent(url.username)).toBe(pg.POSTGRES_USER);
      expect(decodeURIComponent(url.password)).toBe(pg.POSTGRES_PASSWORD);
    }
  });

  it.each(APP_SERVICES)('when the %s environment is loaded, then the config schema accepts every variable', (name) => {
    const env = environment(name);
    const config = loadConfig(env);
    // The schema strips unknown keys, so a name missing from the result is one it does not know.
    for (const key of Object.keys(env)) expect(Object.keys(config)).toContain(key);
  });

  it('when the API is configured, then it listens on all interfaces at the port it publishes', () => {
    const config = loadConfig(environment('api'));
    expect(config.HOST).toBe('0.0.0.0');
    expect(published('api')).toContain(`${config.PORT}:${config.PORT}`);
  });

  it('when depends_on is read, then every dependency names an existing service with a condition it can meet', () => {
    for (const name of Object.keys(services)) {
      for (const [dep, condition] of Object.entries(dependencies(name))) {
        expect({ service: name, dependsOn: dep, exists: dep in services }).toEqual({ service: name, dependsOn: dep, exists: true });
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        // A healthy dependency needs a healthcheck that runs something: ["CMD" | "CMD-SHELL", command, …].
        if (condition === 'service_healthy') {
          const [form, command] = [service(dep).healthcheck?.test ?? []].flat();
          expect({ service: dep, form, command }).toEqual({ service: dep, form: expect.stringMatching(/^CMD(-SHELL)?$/), command: expect.stringMatching(/\S/) });
        }
        if (condition === 'service_completed_successfully') expect(service(dep).restart).toBe('no');
      }
    }
  });

  it('when api and worker start, then migrations and the Temporal setup have completed and Postgres is healthy', () => {
    for (const name of ['api', 'worker']) {
      expect(dependencies(name)).toMatchObject({
        postgres: 'service_healthy',
        migrate: 'service_completed_successfully',
        'temporal-admin-tools': 'service_completed_successfully',
      });
    }
    expect(dependencies('migrate').postgres).toBe('service_healthy');
  });

  it('when the image is built, then it installs without the Temporal CLI and runs the API as the node user', () => {
    expect(dockerfile).not.toBe('');
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim\b/m);
    expect(dockerfile).toMatch(/TEMPORAL_SKIP_INSTALL=1/);
    expect(dockerfile).toMatch(/\bnpm ci\b/);
    expect(dockerfile).toMatch(/^USER node$/m);
    const cmd = dockerfile.match(/^CMD (.*)$/gm)?.pop() ?? '';
    expect(cmd).toContain('api/server.ts');
    for (const file of entryFiles(cmd)) expect(existsSync(join(ROOT, file))).toBe(true);
    for (const part of ['package.json', 'package-lock.json', 'tsconfig.json', 'workflows', 'activities', 'api', 'worker', 'db', 'lib', 'scripts']) {
      expect(copied).toContain(part);
    }
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'data', '.tools', '.git', 'test', 'bench/results']));
  });

  it('when the worker and migrate services start, then their commands run entry files that exist in the image', () => {
    const worker = commandText(service('worker').command);
    const migrate = commandText(service('migrate').command);
    expect(worker).toContain('worker/main.ts');
    expect(migrate).toContain('scripts/migrate.ts');
    for (const file of [...entryFiles(worker), ...entryFiles(migrate)]) {
      expect(existsSync(join(ROOT, file))).toBe(true);
      expect(copied).toContain(file.split('/')[0]);
    }
  });

  test('when the API is deployed, then it must be given an identity provider and cannot start without one', () => {
    const raw = String((service('api').environment as Record<string, string>).AUTH_ISSUER);
    expect(() => interpolate(raw, {})).toThrow(/AUTH_ISSUER/);
    expect(environment('api')).toMatchObject({ AUTH_ISSUER: 'https://idp.kommune.example/', AUTH_AUDIENCE: 'barnekoordinator' });
  });
});
