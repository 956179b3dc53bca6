/**
 * Worker thread of the render pool: keeps the shared environment and characters and renders
 * one camera view per message (see render-pool.ts). The image buffer is transferred back.
 */
import { parentPort } from 'node:worker_threads';
import type { CharacterModel } from './character-model.js';
import type { RenderEnvironment } from './environment.js';
import { renderView } from './scene-view.js';
import type { PosedPerson, ViewOptions } from './scene-view.js';
import type { RenderCamera } from './camera.js';

type Message =
  | { kind: 'environment'; environment: RenderEnvironment }
  | { kind: 'character'; character: { id: string; primitives: CharacterModel['primitives'] } }
  | { kind: 'view'; id: number; camera: RenderCamera; persons: (Omit<PosedPerson, 'model'> & { characterId: string })[]; options: ViewOptions };

let environment: RenderEnvironment | null = null;
const characters = new Map<string, CharacterModel>();

parentPort?.on('message', (message: Message) => {
  if (message.kind === 'environment') {
    environment = message.environment;
    return;
  }
  if (message.kind === 'character') {
    // Only the fields a view reads are present; the rest of CharacterModel is not needed here.
    characters.set(message.character.id, message.character as unknown as CharacterModel);
    return;
  }
  try {
    if (!environment) throw new Error('no environment set');
    const persons: PosedPerson[] = message.persons.map((p) => {
      const model = characters.get(p.characterId);
      if (!model) throw new Error(`unknown character ${p.characterId}`);
      return { ...p, model };
    });
    const result = renderView(environment, persons, message.camera, message.options);
    // The resolved image is a fresh buffer of its own: transfer it instead of copying.
    const buffer = result.image.data.buffer as ArrayBuffer;
    parentPort!.postMessage({ kind: 'view', id: message.id, result }, [buffer]);
  } catch (error) {
    parentPort!.postMessage({ kind: 'error', id: message.id, message: (error as Error).message, stack: (error as Error).stack });
  }
});

// Tell the pool we listen: it holds messages until then.
parentPort?.postMessage({ kind: 'ready' });
