import { z } from 'zod';
import { DEFAULT_POLICY, type Policy } from '../workflows/case/policy';
import { TASK_QUEUE } from '../workflows/case/messages';
import type { MunicipalityDefaults } from './municipalities';

const port = z.coerce.number().int().min(1).max(65535);
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

// Fractions of a day are allowed (tests use seconds); production policies use whole days.
const days = z.number().positive().max(365);
/** Municipal deadlines; kept out of workflow code so zod is not loaded into the workflow sandbox. */
export const policySchema = z.object({
  consentDays: days,
  kartleggingDays: days,
  decisionDays: days,
  appointmentDays: days,
  escalationDays: days,
  childParticipationAge: z.number().int().min(0).max(18),
  kickOffDays: days,
  meetingIntervalMonths: z.number().int().min(1).max(12),
  meetingReminderDays: days,
  minutesDays: days,
  planEvaluationDays: days,
  birthMarginDays: days,
  informFamilyDays: days,
  informCollaboratorsDays: days,
  reassignDays: days,
  closureNoticeMonths: z.number().int().min(1).max(24),
}) satisfies z.ZodType<Policy>;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_BASE_URL: optionalText,
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  EMBEDDED_PG_PORT: port.default(54329),
  TEMPORAL_ADDRESS: optionalText,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(TASK_QUEUE),
  TEMPORAL_CLI_PATH: optionalText,
  /** TLS to Temporal (lib/temporal.ts): on with "true", or when a certificate, a CA or an API key is given. */
  TEMPORAL_TLS: z.enum(['true', 'false']).optional(),
  /** mTLS: the client certificate and its key (PEM files); both or neither. */
  TEMPORAL_TLS_CERT: optionalText,
  TEMPORAL_TLS_KEY: optionalText,
  /** The CA that signed the server's certificate (PEM file), when the system does not trust it. */
  TEMPORAL_TLS_CA: optionalText,
  /** The name the server's certificate is checked against, when it differs from TEMPORAL_ADDRESS's host. */
  TEMPORAL_TLS_SERVER_NAME: optionalText,
  /** An API key (Temporal Cloud), sent as a bearer token over TLS. */
  TEMPORAL_API_KEY: optionalText,
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  WORKFLOW_BUNDLE_PATH: optionalText,
  /** Where the worker's Temporal SDK metrics exporter listens (Prometheus text at /metrics); 0 = any free port. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Workflows kept in the worker's memory; others replay their (short) history when they wake. */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(1000),
  /** The worker's exporter, for the API's /metrics to pass on; npm start sets it. */
  WORKER_METRICS_URL: optionalText,
  CASE_POLICY: optionalText,
  /** Payload encryption keys, "id:<base64 32 bytes>,…"; npm start keeps its own in ./data. */
  PAYLOAD_KEYS: optionalText,
  /** The key new payloads are encrypted with (default: the last in PAYLOAD_KEYS). */
  PAYLOAD_KEY_ID: optionalText,
  MUNICIPALITY_NAME: z.string().min(1).default('Kommunen'),
  /** Kommunenummer of this municipality: the default for development tokens (npm run token). */
  MUNICIPALITY_NUMBER: z.string().regex(/^\d{4}$/, 'a four-digit kommunenummer').default('9999'),
  /** Token verification (lib/auth.ts). A deployment sets AUTH_ISSUER and, unless discovery finds it, AUTH_JWKS_URL. */
  AUTH_ISSUER: optionalText,
  AUTH_AUDIENCE: z.string().min(1).default('barnekoordinator'),
  AUTH_JWKS_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** A local signing key instead of an identity provider; npm start keeps one in ./data. */
  AUTH_LOCAL_KEY_FILE: optionalText,
  AUTH_ROLES_CLAIM: z.string().min(1).default('roles'),
  AUTH_MUNICIPALITY_CLAIM: z.string().min(1).default('municipality'),
  /**
   * Browser sign-in (api/plugins/session.ts): the OpenID provider the web app's users sign in
   * with. Without it the /auth routes answer 404 and only bearer tokens work; npm start runs a
   * local provider (scripts/idp.ts) and sets it.
   */
  OIDC_ISSUER: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  OIDC_CLIENT_ID: z.string().min(1).default('barnekoordinator-web'),
  OIDC_CLIENT_SECRET: optionalText,
  /** The scopes asked for at sign-in. */
  OIDC_SCOPES: z.string().min(1).default('openid profile'),
  /** A session ends after this long without a request… */
  SESSION_IDLE_MINUTES: z.coerce.number().positive().max(24 * 60).default(30),
  /** …and this long after sign-in, whatever happens. */
  SESSION_MAX_HOURS: z.coerce.number().positive().max(7 * 24).default(10),
  /** Where a signed-in user's roles come from: the ID token's claims, or KE's table (user_roles) for providers that carry none (Ansattporten). */
  AUTH_ROLES_SOURCE: z.enum(['claims', 'table']).default('claims'),
  /** The local provider's port under npm start (0 = any free port). */
  IDP_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** Requests per minute per token (after authentication; see AUTH_FAILURES_PER_MINUTE before it). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  /** Failed authentications per client address per minute; past it, 429 without checking the token. */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /** The longest token lifetime accepted (exp − iat), in seconds: a working day. */
  AUTH_MAX_TOKEN_LIFETIME_S: z.coerce.number().int().min(60).max(31 * 24 * 3600).default(12 * 3600),
  /** Browser origins allowed to call the API, e.g. the Temporal UI for its codec endpoint; comma-separated. */
  CORS_ORIGINS: optionalText,
  KE_POSTAL_ADDRESS: z.string().min(1).default('Koordinerende enhet, Postboks 1, 0001 Kommunen'),
  /** The målform of the deployment's own municipality until its register entry says otherwise (issue #16). */
  MALFORM: z.enum(['nb', 'nn']).default('nb'),
  /** KE's telephone, printed in letters beside the postal address and KE_EMAIL. */
  KE_PHONE: optionalText,
  /** Delivery of reminders (worker/dispatcher.ts). Without SMTP_URL they go to the log and the in-app inbox only. */
  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  SMTP_FROM: z.string().min(1).default('Barnekoordinator <ikke-svar@kommune.no>'),
  /** KE's shared address: reminders to 'ke' and, until caseworkers have a registry, to 'caseworker:<id>'. */
  KE_EMAIL: optionalText.pipe(z.email().optional()),
  REMINDER_POLL_MS: z.coerce.number().int().min(10).max(3_600_000).default(1000),
  REMINDER_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  REMINDER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  /**
   * Letters to families through KS Fiks SvarUt, and contact and reservation from KRR
   * (lib/national/index.ts). Without SVARUT_URL nothing is sent; without KRR_URL nobody is
   * looked up. Both authenticate with Maskinporten (the JWT grant, MASKINPORTEN_*).
   */
  MASKINPORTEN_ISSUER: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Default: <MASKINPORTEN_ISSUER>token. */
  MASKINPORTEN_TOKEN_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  MASKINPORTEN_CLIENT_ID: optionalText,
  /** The client's RSA private key: a PEM file, or a JSON file with a JWK. */
  MASKINPORTEN_KEY_FILE: optionalText,
  /** The id the key is registered under in Maskinporten (a JWK's own kid when not set). */
  MASKINPORTEN_KID: optionalText,
  /** https://test.svarut.ks.no or https://svarut.ks.no. */
  SVARUT_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  SVARUT_KONTO_ID: optionalText.pipe(z.guid().optional()),
  SVARUT_INTEGRASJON_ID: optionalText.pipe(z.guid().optional()),
  SVARUT_INTEGRASJON_PASSORD: optionalText,
  SVARUT_SCOPE: z.string().min(1).default('ks:fiks'),
  SVARUT_AVGIVENDE_SYSTEM: z.string().min(1).max(100).default('barnekoordinator'),
  SVARUT_TIMEOUT_MS: z.coerce.number().int().min(100).max(16 * 60_000).default(60_000),
  /** The personer endpoint of KRR's lookup service, e.g. https://krr.digdir.no/rest/v1/personer. */
  KRR_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  KRR_SCOPE: z.string().min(1).default('krr:global/kontaktinformasjon.read krr:global/digitalpost.read'),
  KRR_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /**
   * Whether the worker starts the delivery of each letter written (worker/delivery-starter.ts).
   * Several workers may all start them; off for a worker that is to run workflows only.
   */
  LETTER_DELIVERY_STARTER: z.enum(['on', 'off']).default('on'),
});

export type Config = z.infer<typeof envSchema> & { policy: Policy };

export class ConfigError extends Error {}

/** The process a configuration is for: what production demands of it differs. */
export type Component = 'api' | 'worker' | 'migrate';

/** Passwords that ship in examples and images; a database behind one of them is open to anyone who reads them. */
const KNOWN_PASSWORDS = new Set(['change-me', 'changeme', 'postgres', 'password', 'secret', 'temporal', 'admin']);

/**
 * Why a production process must not start with this configuration, one sentence per setting:
 * children's names and national ids would reach Temporal unencrypted, tokens would be signed
 * by a key on the server's disk instead of the municipality's identity provider, or the
 * database would open with a password everyone knows. Development (npm start) generates its own
 * keys and signing key; production never does.
 */
export function productionProblems(config: Config, component: Component): string[] {
  const problems: string[] = [];
  if (component !== 'migrate' && !config.PAYLOAD_KEYS) {
    problems.push('PAYLOAD_KEYS: required in production; without it case data goes to Temporal unencrypted');
  }
  if (component === 'api') {
    if (!config.AUTH_ISSUER) problems.push("AUTH_ISSUER: required in production: the municipality's identity provider");
    if (config.AUTH_LOCAL_KEY_FILE) problems.push('AUTH_LOCAL_KEY_FILE: a local signing key is for development only; use the identity provider (AUTH_ISSUER)');
  }
  if (!config.DATABASE_URL) {
    problems.push('DATABASE_URL: required in production (the embedded PostgreSQL is for development)');
  } else {
    const password = decodeURIComponent(new URL(config.DATABASE_URL).password);
    if (password === '') problems.push('DATABASE_URL: has no password');
    else if (KNOWN_PASSWORDS.has(password.toLowerCase())) problems.push(`DATABASE_URL: the password "${password}" is a known default; set a secret one`);
  }
  return problems;
}

/**
 * Reads and validates the environment once; a bad variable fails fast with its name. With
 * NODE_ENV=production and the component given, an unsafe setting fails the same way
 * (productionProblems).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, component?: Component): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
  }
  const config = { ...parsed.data, policy: parsePolicy(parsed.data.CASE_POLICY) };
  if (!config.TEMPORAL_TLS_CERT !== !config.TEMPORAL_TLS_KEY) {
    throw new ConfigError('Invalid environment: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY: give both (mTLS) or neither');
  }
  if (config.TEMPORAL_TLS === 'false' && (config.TEMPORAL_TLS_CERT || config.TEMPORAL_TLS_CA || config.TEMPORAL_API_KEY)) {
    throw new ConfigError('Invalid environment: TEMPORAL_TLS: "false" with a certificate, CA or API key that need TLS');
  }
  if (component && config.NODE_ENV === 'production') {
    const problems = productionProblems(config, component);
    if (problems.length > 0) throw new ConfigError(`Unsafe production configuration: ${problems.join('; ')}`);
  }
  return config;
}

/** What the register says of a municipality without an entry (lib/municipalities.ts). */
export function municipalityDefaultsFrom(config: Pick<Config, 'MUNICIPALITY_NAME' | 'KE_POSTAL_ADDRESS' | 'KE_EMAIL' | 'KE_PHONE' | 'MALFORM' | 'policy'>): MunicipalityDefaults {
  return { name: config.MUNICIPALITY_NAME, kePostalAddress: config.KE_POSTAL_ADDRESS, keEmail: config.KE_EMAIL, kePhone: config.KE_PHONE, malform: config.MALFORM, policy: config.policy };
}

/** The address browsers reach the service at: PUBLIC_BASE_URL, else http://HOST:PORT (a wildcard host read as 127.0.0.1). */
export function publicBaseUrl(config: Pick<Config, 'PUBLIC_BASE_URL' | 'HOST' | 'PORT'>): string {
  if (config.PUBLIC_BASE_URL) return config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  const host = ['0.0.0.0', '::', ''].includes(config.HOST) ? '127.0.0.1' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}`;
}

function parsePolicy(raw: string | undefined): Policy {
  if (raw === undefined) return DEFAULT_POLICY;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError('Invalid environment: CASE_POLICY: not valid JSON');
  }
  const parsed = policySchema.partial().strict().safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `CASE_POLICY.${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
  }
  return { ...DEFAULT_POLICY, ...parsed.data };
}
