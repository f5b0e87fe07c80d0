/**
 * The typed client of the API, for other systems, the web app and the tests: openapi-fetch over
 * the types openapi-typescript generates from the committed `openapi.json` (`npm run openapi`).
 * A path, a body or an answer that does not match the contract is a type error.
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths } from './schema';

export type { components, operations, paths } from './schema';
export type ApiClient = Client<paths>;

export interface ApiClientOptions extends ClientOptions {
  /** The bearer token for each request (fetched anew each time, so a refreshed token is used). */
  token?: () => string | Promise<string>;
}

export function createApiClient({ token, ...options }: ApiClientOptions): ApiClient {
  const client = createClient<paths>(options);
  if (token) {
    client.use({
      async onRequest({ request }) {
        if (!request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${await token()}`);
        return request;
      },
    });
  }
  return client;
}

/** The version a case view's ETag names, for If-Match. */
export const ifMatch = (version: number) => `"${version}"`;
