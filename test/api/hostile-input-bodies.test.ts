/**
 * Hostile input (test/helpers/hostile-input.ts): valid bodies with a field dropped, nulled or added, and bodies that are not JSON or not sent as JSON.
 * Never a 5xx, and a rejected request changes nothing. Municipality 4996 is this file's alone.
 */
import fc from 'fast-check';
import {
  RUNS,
  access,
  authFor,
  hit,
  hostileRoutes,
  pathOf,
  postRoutes,
  runProperty,
  useHostileWorld,
  type Hostile,
} from '../helpers/hostile-input';
import { pathsOf, validBody, withPath } from '../helpers/hostile-requests';

const M = '4996';
useHostileWorld(M);

describe('hostile input', () => {
  test('when every endpoint gets its valid body with each field dropped, replaced by null, or an unknown field added, then never a 5xx and a rejected request changes nothing', async () => {
    for (const route of hostileRoutes()) {
      const base = route.method === 'POST' ? (validBody(route.method, route.url) ?? {}) : undefined;
      const variants: unknown[] = base === undefined ? [undefined] : [{ ...base, unknownField: 'x' }];
      for (const path of base === undefined ? [] : pathsOf(base).filter((p) => p.length === 1)) {
        variants.push(withPath(base, path, (parent, k) => delete parent[k]));
        variants.push(withPath(base, path, (parent, k) => (parent[k] = null)));
      }
      for (const variant of variants) {
        const payload = variant === undefined ? undefined : JSON.stringify(variant);
        await hit({
          method: route.method,
          url: pathOf(route),
          route: `${route.method} ${route.url}`,
          payload,
          headers: { ...(payload ? { 'content-type': 'application/json' } : {}), authorization: await authFor(access(route)) },
        });
      }
    }
  });

  test('when a POST body is not JSON or is sent with another content type, then never a 5xx and a rejected request changes nothing', async () => {
    const notJson = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream');
    const contentType = fc.oneof(
      notJson.map((type) => ({ type, json: false })),
      fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'APPLICATION/JSON', 'application/vnd.api+json', 'application/json-patch+json').map((type) => ({ type, json: true })),
      fc.constant({ type: '', json: false }),
    );
    const arb = fc.constantFrom(...postRoutes()).chain((route) => {
      const valid = JSON.stringify(validBody(route.method, route.url) ?? {});
      const text = fc.oneof(
        fc.constant(valid),
        fc.nat({ max: valid.length }).map((n) => valid.slice(0, n)),
        fc.string({ maxLength: 200 }),
        fc.constantFrom(
          '',
          ' ',
          'null',
          '[]',
          '"x"',
          '0',
          '{',
          '{"a":}',
          "{'a':1}",
          '{"a":NaN}',
          '{"a":1,}',
          '/* c */ {}',
          `\uFEFF${valid}`,
          `${valid}${valid}`,
          `${valid} trailing`,
          '{"__proto__":{"isAdmin":true}}',
          '{"constructor":{"prototype":{"isAdmin":true}}}',
          `{"a":"${'\\u0000'.repeat(10)}"}`,
          '["'.repeat(2000),
          '['.repeat(100_000) + ']'.repeat(100_000),
        ),
      );
      return fc.tuple(contentType, text, fc.boolean()).map(async ([ct, payload, binary]) => {
        const headers: Record<string, string> = { authorization: await authFor(access(route)) };
        if (ct.type) headers['content-type'] = ct.type;
        // Sometimes the same bytes with invalid UTF-8 in front.
        const body = binary ? Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(payload)]) : payload;
        return { method: 'POST', url: pathOf(route), route: `POST ${route.url}`, payload: body, headers } satisfies Hostile;
      });
    });
    await runProperty('raw bodies', arb, Math.ceil(RUNS / 3));
  });
});
