/**
 * What the fakes of the national services share: a real HTTP server on a free loopback port,
 * request bodies read whole, JSON answers, and the check of a Maskinporten access token in the
 * Authorization header against the fake Maskinporten's published keys (its /jwk, over HTTP,
 * as a real API checks Maskinporten's).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';

export interface FakeServer {
  url: string;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => Promise<void> | void;

export async function startServer(handler: Handler): Promise<FakeServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      Promise.resolve(handler(req, Buffer.concat(chunks), res)).catch((err: Error) => {
        if (!res.headersSent) reply(res, 500, { error: 'fake_failed', message: err.message });
        else res.destroy();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

export function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The scopes of a valid bearer token from the fake Maskinporten, or undefined (with the reason) when there is none. */
export function bearerChecker(maskinportenIssuer: string) {
  const jwks = createRemoteJWKSet(new URL('jwk', maskinportenIssuer));
  return async (req: IncomingMessage): Promise<{ scopes: string[] } | { refused: string }> => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    if (!match) return { refused: 'no bearer token' };
    try {
      const { payload } = await jwtVerify(match[1], jwks, { issuer: maskinportenIssuer });
      return { scopes: typeof payload.scope === 'string' ? payload.scope.split(' ') : [] };
    } catch (err) {
      return { refused: (err as Error).message };
    }
  };
}

/** Unref'd: an answer held back past the end of a test does not keep the test process alive. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
