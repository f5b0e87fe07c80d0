/**
 * The connection to Temporal as configured (lib/temporal.ts): plain for the dev server, TLS with
 * the cluster's CA and a client certificate (mTLS) for a secured self-hosted cluster, TLS with an
 * API key for Temporal Cloud. The options are checked as built, and the worker's connection is
 * made against a real TLS server that requires a client certificate, to see it presented.
 */
import { NativeConnection } from '@temporalio/worker';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type TLSSocket } from 'node:tls';
import { ConfigError, loadConfig } from '../../lib/config';
import { temporalConnectionOptions } from '../../lib/temporal';

const dir = mkdtempSync(join(tmpdir(), 'bk-tls-'));
const file = (name: string) => join(dir, name);
const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });

beforeAll(() => {
  // A CA, a server certificate for localhost and a client certificate, both signed by the CA.
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=test-ca');
  for (const [name, cn] of [['server', 'localhost'], ['client', 'barnekoordinator-worker']] as const) {
    openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', `/CN=${cn}`);
    // Version 3 certificates (with extensions): rustls, under the worker's connection, takes no other.
    const ext = writeExt(name, name === 'server' ? 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth' : 'extendedKeyUsage=clientAuth');
    openssl('x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file(`${name}.pem`), '-days', '2', '-extfile', ext);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeExt(name: string, text: string): string {
  const path = file(`${name}.ext`);
  writeFileSync(path, `${text}\n`);
  return path;
}

describe('the connection to Temporal', () => {
  test('when nothing about TLS is set, then the connection is plain (the dev server)', () => {
    expect(temporalConnectionOptions({ TEMPORAL_ADDRESS: '127.0.0.1:7233' })).toEqual({ address: '127.0.0.1:7233' });
  });

  test('when TEMPORAL_TLS is true, then the connection uses TLS with the system CAs', () => {
    expect(temporalConnectionOptions({ TEMPORAL_ADDRESS: 'temporal.kommune.example:7233', TEMPORAL_TLS: 'true' })).toEqual({ address: 'temporal.kommune.example:7233', tls: true });
  });

  test('when a CA, a client certificate and its key are given, then the connection presents the certificate and trusts the CA', () => {
    const options = temporalConnectionOptions({
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_TLS_CA: file('ca.pem'),
      TEMPORAL_TLS_CERT: file('client.pem'),
      TEMPORAL_TLS_KEY: file('client.key'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    expect(options.tls).toEqual({
      serverRootCACertificate: readFileSync(file('ca.pem')),
      clientCertPair: { crt: readFileSync(file('client.pem')), key: readFileSync(file('client.key')) },
      serverNameOverride: 'temporal.internal',
    });
    expect(options.apiKey).toBeUndefined();
  });

  test('when an API key is given (Temporal Cloud), then it is sent over TLS', () => {
    expect(temporalConnectionOptions({ TEMPORAL_ADDRESS: 'kommune.a1b2c.tmprl.cloud:7233', TEMPORAL_API_KEY: 'key-1' })).toEqual({
      address: 'kommune.a1b2c.tmprl.cloud:7233',
      tls: true,
      apiKey: 'key-1',
    });
  });

  test('when a certificate file cannot be read, then the error names the setting', () => {
    expect(() => temporalConnectionOptions({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_TLS_CA: file('missing.pem') })).toThrow(/^TEMPORAL_TLS_CA: cannot read/);
  });

  test('when a certificate comes without its key, or TLS is turned off beside an API key, then loading the configuration fails naming them', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: 'client.pem' })).toThrow(ConfigError);
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: 'client.pem' })).toThrow(/TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY/);
    expect(() => loadConfig({ TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'key-1' })).toThrow(/TEMPORAL_TLS/);
    expect(() => loadConfig({ TEMPORAL_TLS: 'maybe' })).toThrow(/TEMPORAL_TLS/);
  });

  test("when the worker connects with mTLS to a server that requires a client certificate, then it verifies the server's and presents its own", async () => {
    const seen: { authorized: boolean; subject?: string; alpn?: string | false | null }[] = [];
    const server = createServer(
      { key: readFileSync(file('server.key')), cert: readFileSync(file('server.pem')), ca: readFileSync(file('ca.pem')), requestCert: true, rejectUnauthorized: true, ALPNProtocols: ['h2'] },
      (socket: TLSSocket) => {
        seen.push({ authorized: socket.authorized, subject: (socket.getPeerCertificate().subject as { CN?: string } | undefined)?.CN, alpn: socket.alpnProtocol });
        socket.destroy();
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const options = temporalConnectionOptions({
        TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
        TEMPORAL_TLS_CA: file('ca.pem'),
        TEMPORAL_TLS_CERT: file('client.pem'),
        TEMPORAL_TLS_KEY: file('client.key'),
        TEMPORAL_TLS_SERVER_NAME: 'localhost',
      });
      // Not a Temporal server: the connection fails after the handshake.
      await expect(NativeConnection.connect(options)).rejects.toThrow();
      expect(seen.length).toBeGreaterThan(0);
      expect(seen[0]).toEqual({ authorized: true, subject: 'barnekoordinator-worker', alpn: 'h2' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
