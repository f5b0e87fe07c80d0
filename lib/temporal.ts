import { Client, Connection } from '@temporalio/client';
import { searchAttributes } from '../workflows/case/messages';
import { dataConverterFor, parsePayloadKeys, type PayloadKeys } from './codec';
import { temporal } from '@temporalio/proto';

export async function connectClient(address: string, namespace: string, keys?: PayloadKeys): Promise<Client> {
  const connection = await Connection.connect({ address });
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
