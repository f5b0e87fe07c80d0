import { Client, Connection } from '@temporalio/client';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import { readFileSync } from 'node:fs';
import { searchAttributes } from '../workflows/case/messages';
import { dataConverterFor, parsePayloadKeys, type PayloadKeys } from './codec';
import { temporal } from '@temporalio/proto';

/** The connection settings of lib/config.ts that concern Temporal. */
export interface TemporalSettings {
  TEMPORAL_ADDRESS?: string;
  TEMPORAL_TLS?: 'true' | 'false';
  TEMPORAL_TLS_CERT?: string;
  TEMPORAL_TLS_KEY?: string;
  TEMPORAL_TLS_CA?: string;
  TEMPORAL_TLS_SERVER_NAME?: string;
  TEMPORAL_API_KEY?: string;
}

/** What Connection.connect (client) and NativeConnection.connect (worker) both take. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
}

function pemFile(setting: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new Error(`${setting}: cannot read ${path}: ${(err as Error).message}`);
  }
}

/**
 * The connection to Temporal as configured: plain for the dev server; TLS against a secured
 * self-hosted cluster (with the cluster's CA, and a client certificate for mTLS) or Temporal
 * Cloud (mTLS, or an API key, which is only ever sent over TLS).
 */
export function temporalConnectionOptions(settings: TemporalSettings): TemporalConnectionOptions {
  if (!settings.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS is not set');
  const options: TemporalConnectionOptions = { address: settings.TEMPORAL_ADDRESS };
  const wanted = settings.TEMPORAL_TLS === 'true' || !!(settings.TEMPORAL_TLS_CERT || settings.TEMPORAL_TLS_CA || settings.TEMPORAL_API_KEY);
  if (wanted && settings.TEMPORAL_TLS !== 'false') {
    const tls: TLSConfig = {};
    if (settings.TEMPORAL_TLS_CA) tls.serverRootCACertificate = pemFile('TEMPORAL_TLS_CA', settings.TEMPORAL_TLS_CA);
    if (settings.TEMPORAL_TLS_CERT && settings.TEMPORAL_TLS_KEY) {
      tls.clientCertPair = { crt: pemFile('TEMPORAL_TLS_CERT', settings.TEMPORAL_TLS_CERT), key: pemFile('TEMPORAL_TLS_KEY', settings.TEMPORAL_TLS_KEY) };
    }
    if (settings.TEMPORAL_TLS_SERVER_NAME) tls.serverNameOverride = settings.TEMPORAL_TLS_SERVER_NAME;
    options.tls = Object.keys(tls).length > 0 ? tls : true;
  }
  if (settings.TEMPORAL_API_KEY) options.apiKey = settings.TEMPORAL_API_KEY;
  return options;
}

export async function connectClient(connect: TemporalConnectionOptions, namespace: string, keys?: PayloadKeys): Promise<Client> {
  const connection = await Connection.connect(connect);
  return new Client({ connection, namespace, dataConverter: dataConverterFor(keys) });
}

/** The payload keys from the environment, if any. */
export function payloadKeysFrom(config: { PAYLOAD_KEYS?: string; PAYLOAD_KEY_ID?: string }): PayloadKeys | undefined {
  return config.PAYLOAD_KEYS ? parsePayloadKeys(config.PAYLOAD_KEYS, config.PAYLOAD_KEY_ID) : undefined;
}

const INDEXED_TYPE: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/**
 * Registers the case search attributes on a server that lacks them (an external server given
 * by TEMPORAL_ADDRESS; the local dev server gets them on its command line).
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = Object.values(searchAttributes).filter((k) => !(k.name in (customAttributes ?? {})));
  if (missing.length === 0) return;
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, INDEXED_TYPE[k.type]])),
    });
  } catch (err) {
    // gRPC ALREADY_EXISTS: another process registered them first.
    if ((err as { code?: number }).code !== 6) throw err;
  }
}
