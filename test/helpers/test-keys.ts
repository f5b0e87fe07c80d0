/**
 * A fixed payload key for tests only, so that the committed histories (encrypted with it) can
 * be replayed in any later run and by the benchmark. Never used outside tests and the bench.
 */
export const TEST_PAYLOAD_KEYS = `test-k1:${Buffer.alloc(32, 7).toString('base64')}`;
