/**
 * Protocol 1.2.0 stays compatible: what the render stage adds (props, ground ambient, raw frames
 * for camera looks) reaches only players that announce it; a 1.1 player's validator (which
 * refuses unknown fields) accepts what it is sent.
 */
import { describe, expect, it } from '@jest/globals';
import { VALID_FIXTURES } from '../../../protocol/src/index.js';
import type { Capability, WireCamera } from '../../../protocol/src/index.js';
import { validateMessage } from '../../../protocol/src/validate.js';
import { camerasFor, sceneLoadFor } from '../../../orchestrator/src/players/player-runner.js';
import { createMemoryLogger } from '../../../orchestrator/src/shared/logger.js';

const scene = VALID_FIXTURES['scene/load'];
const setup = { sceneName: scene.name, environment: scene.environment, props: scene.props!, characters: [], cameras: [] };
const OLD: Capability[] = ['image/png', 'image/jpeg', 'character/path', 'session/heartbeat', 'render/supersampling'];
const NEW: Capability[] = [...OLD, 'image/raw', 'scene/props', 'scene/groundAmbient'];

describe('players of earlier protocol versions', () => {
  it('get scene/load without props and without the ground ambient', () => {
    const log = createMemoryLogger();
    const old = sceneLoadFor(OLD, setup, log);
    expect(old).not.toHaveProperty('props');
    expect(old.environment.lighting).not.toHaveProperty('groundAmbient');
    expect(log.lines.map((l) => l.message).join('\n')).toMatch(/does not offer scene\/props.*1 props are left out/s);
    // The 1.1.0 schema knew neither field: what an old player now receives has only fields it knew.
    expect(Object.keys(old).sort()).toEqual(['environment', 'name', 'type']);
    expect(Object.keys(old.environment.lighting).sort()).toEqual(['ambient', 'sunColor', 'sunDirection']);
    expect(validateMessage(JSON.stringify({ ...old, requestId: 1 }), { direction: 'toPlayer' }).ok).toBe(true);
  });

  it('get the props and the ground ambient when they announce them', () => {
    const current = sceneLoadFor(NEW, setup, createMemoryLogger());
    expect(current.props).toEqual(scene.props);
    expect(current.environment.lighting.groundAmbient).toEqual(scene.environment.lighting.groundAmbient);
  });

  it('get PNG instead of raw frames (camera looks) when they do not offer image/raw', () => {
    const cameras: WireCamera[] = [{ ...VALID_FIXTURES['camera/setup'].cameras[0], encoding: 'raw' }];
    expect(camerasFor(OLD, cameras, createMemoryLogger())[0].encoding).toBe('png');
    expect(camerasFor(NEW, cameras, createMemoryLogger())[0].encoding).toBe('raw');
  });
});
