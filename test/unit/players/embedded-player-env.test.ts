import { describe, expect, it } from '@jest/globals';
import { EMBEDDED_PLAYER_ENV, embeddedPlayerEnv, readEmbeddedPlayerEnv } from '../../../orchestrator/src/players/embedded/embedded-player-env.js';

describe('embedded player launch environment', () => {
  it('reads back what a launch sets', () => {
    const env = embeddedPlayerEnv({ url: 'ws://127.0.0.1:4000/', token: 'abc', threads: 0, assetRoots: ['/a', '/b c'] });
    expect(readEmbeddedPlayerEnv(env)).toEqual({ url: 'ws://127.0.0.1:4000/', token: 'abc', workers: 0, assetRoots: ['/a', '/b c'], logLevel: 'info' });
    expect(readEmbeddedPlayerEnv(embeddedPlayerEnv({ url: 'ws://x/', token: 't' }))).toEqual({ url: 'ws://x/', token: 't', logLevel: 'info' });
  });

  it.each([
    ['no token', { [EMBEDDED_PLAYER_ENV.url]: 'ws://x/' }, /must be set/],
    ['negative workers', { [EMBEDDED_PLAYER_ENV.url]: 'ws://x/', [EMBEDDED_PLAYER_ENV.token]: 't', [EMBEDDED_PLAYER_ENV.workers]: '-1' }, /non-negative integer/],
    ['asset roots that are not a JSON list', { [EMBEDDED_PLAYER_ENV.url]: 'ws://x/', [EMBEDDED_PLAYER_ENV.token]: 't', [EMBEDDED_PLAYER_ENV.assetRoots]: '/a' }, /JSON list/],
  ])('refuses %s with E_USAGE', (_name, env, message) => {
    expect(() => readEmbeddedPlayerEnv(env)).toThrow(expect.objectContaining({ code: 'E_USAGE', message: expect.stringMatching(message) }));
  });
});
