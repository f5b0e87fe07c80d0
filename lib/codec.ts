/**
 * Every Temporal payload is encrypted with AES-256-GCM before it leaves the process, so the
 * workflow history that operators can read, and that the server keeps until retention, holds
 * no personal data in clear text. The key id travels in the payload's metadata; several keys
 * can be loaded at once, so a key can be rotated while older cases stay readable.
 *
 * AES-GCM also authenticates: only a holder of a key can make a payload that decrypts. The
 * worker therefore decodes with `requireEncrypted`, so a payload sent to Temporal's port by
 * anyone without a key (a forged actor, another municipality's coordinator, in clear JSON)
 * never reaches a workflow as a value.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const ENCODING = 'binary/encrypted';
/**
 * What an unencrypted payload becomes under `requireEncrypted`: an encoding no payload converter
 * knows, so converting it fails where the SDK turns that failure into a refusal (an update is
 * rejected before it is accepted, a query fails) instead of failing the whole workflow task.
 */
export const REFUSED_ENCODING = 'refused/not-encrypted-with-a-service-key';
const KEY_ID = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface PayloadKeys {
  /** The key new payloads are encrypted with. */
  currentKeyId: string;
  keys: Map<string, Buffer>;
}

export interface CodecOptions {
  /**
   * Refuse what is not encrypted with one of the keys (the worker). Without it a clear payload
   * passes through unchanged (the API's client and the codec endpoint, which may read data
   * written before encryption).
   */
  requireEncrypted?: boolean;
}

export class AesGcmCodec implements PayloadCodec {
  constructor(
    private readonly keys: PayloadKeys,
    private readonly options: CodecOptions = {},
  ) {
    const current = keys.keys.get(keys.currentKeyId);
    if (!current) throw new Error(`payload key ${keys.currentKeyId} is not loaded`);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.keys.keys.get(this.keys.currentKeyId)!;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: encoder.encode(ENCODING), [KEY_ID]: encoder.encode(this.keys.currentKeyId) }, data };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (!payload.metadata || decoder.decode(payload.metadata.encoding) !== ENCODING) {
        // Not thrown: a codec error fails the whole workflow task, which Temporal retries with the
        // same update or signal in it, so one forged message would wedge the case. A payload the
        // converter cannot read is refused where it is used (see REFUSED_ENCODING).
        return this.options.requireEncrypted ? { metadata: { encoding: encoder.encode(REFUSED_ENCODING) } } : payload;
      }
      const keyId = decoder.decode(payload.metadata[KEY_ID]);
      const key = this.keys.keys.get(keyId);
      if (!key) throw new Error(`payload encrypted with unknown key ${keyId}`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

/** "id1:base64key,id2:base64key" — each key 32 bytes. */
export function parsePayloadKeys(spec: string, currentKeyId?: string): PayloadKeys {
  const keys = new Map<string, Buffer>();
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [id, material] = part.split(':');
    const key = Buffer.from(material ?? '', 'base64');
    if (!id || key.length !== 32) throw new Error(`PAYLOAD_KEYS: key "${id ?? ''}" must be "id:<32 bytes in base64>"`);
    keys.set(id, key);
  }
  if (keys.size === 0) throw new Error('PAYLOAD_KEYS: no keys given');
  const current = currentKeyId ?? [...keys.keys()].at(-1)!;
  if (!keys.has(current)) throw new Error(`PAYLOAD_KEY_ID: ${current} is not among PAYLOAD_KEYS`);
  return { currentKeyId: current, keys };
}

export function formatPayloadKeys(keys: PayloadKeys): string {
  return [...keys.keys].map(([id, key]) => `${id}:${key.toString('base64')}`).join(',');
}

/** For npm start: the keys in a file under ./data, created with one fresh key on first start. */
export function loadOrCreateKeyFile(path: string): PayloadKeys {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const spec = `k1:${randomBytes(32).toString('base64')}`;
    writeFileSync(path, JSON.stringify({ currentKeyId: 'k1', keys: spec }, null, 2), { mode: 0o600 });
  }
  const file = JSON.parse(readFileSync(path, 'utf8')) as { currentKeyId: string; keys: string };
  return parsePayloadKeys(file.keys, file.currentKeyId);
}

export function dataConverterFor(keys: PayloadKeys | undefined, options: CodecOptions = {}) {
  return keys ? { payloadCodecs: [new AesGcmCodec(keys, options)] } : undefined;
}
