/**
 * The comparison of the hand-written typings with the ones PuerTS generates
 * (scripts/unity/typings-check.ts), on typings in PuerTS's generated style (accessors for C#
 * properties, `$`-named parameters, overloads, enums): what agrees passes, and each kind of
 * disagreement is reported.
 */
import { describe, expect, it } from '@jest/globals';
import { compareTypings, typingClasses } from '../../../scripts/unity/typings-check.js';

const GENERATED = `
declare namespace CS {
    const __keep_incompatibility: unique symbol;
    namespace UnityEngine {
        class Camera extends UnityEngine.Behaviour
        {
            protected [__keep_incompatibility]: never;
            public get fieldOfView(): number;
            public set fieldOfView(value: number);
            public static get main(): UnityEngine.Camera;
            public Render () : void
            public RenderWithShader ($shader: UnityEngine.Shader, $replacementTag: string) : void
            public constructor ()
        }
        class Transform extends UnityEngine.Component
        {
            protected [__keep_incompatibility]: never;
            public get position(): UnityEngine.Vector3;
            public set position(value: UnityEngine.Vector3);
            public LookAt ($target: UnityEngine.Transform) : void
            public LookAt ($worldPosition: UnityEngine.Vector3, $worldUp: UnityEngine.Vector3) : void
            public Rotate ($eulers: UnityEngine.Vector3, $relativeTo?: UnityEngine.Space) : void
        }
        enum CameraClearFlags { Skybox = 1, Color = 2, SolidColor = 2, Depth = 3, Nothing = 4 }
        namespace SceneManagement {
            class SceneManager extends System.Object
            {
                protected [__keep_incompatibility]: never;
                public static LoadSceneAsync ($sceneName: string, $mode: UnityEngine.SceneManagement.LoadSceneMode) : UnityEngine.AsyncOperation
                public static LoadSceneAsync ($sceneBuildIndex: number) : UnityEngine.AsyncOperation
            }
        }
    }
}`;

describe('comparing hand-written and generated typings', () => {
  it('reads PuerTS-style typings: accessors as properties, overloads, optional parameters, enums, nested namespaces', () => {
    const classes = typingClasses(GENERATED);
    expect(classes.map((c) => c.qualified)).toEqual(['UnityEngine.Camera', 'UnityEngine.Transform', 'UnityEngine.CameraClearFlags', 'UnityEngine.SceneManagement.SceneManager']);
    const transform = classes[1].members;
    expect(transform.filter((m) => m.name === 'position').map((m) => m.kind)).toEqual(['property', 'property']);
    expect(transform.find((m) => m.name === 'Rotate')!.arity).toEqual([1, 2]);
  });

  it('accepts what the generated typings confirm', () => {
    const hand = `declare namespace CS { namespace UnityEngine {
      class Camera { fieldOfView: number; static readonly main: Camera; Render(): void; RenderWithShader(shader: Shader, tag: string): void; }
      class Transform { position: Vector3; LookAt(worldPosition: Vector3, worldUp: Vector3): void; Rotate(eulers: Vector3): void; }
      enum CameraClearFlags { Skybox = 1, SolidColor = 2 }
      namespace SceneManagement { class SceneManager { static LoadSceneAsync(sceneName: string, mode: number): unknown; } }
    } namespace System { interface Type { readonly Name: string } } }`;
    expect(compareTypings(hand, GENERATED)).toEqual([]);
  });

  it('reports missing classes and members, static-ness, argument counts and properties that are methods', () => {
    const hand = `declare namespace CS { namespace UnityEngine {
      class Camera { fieldOfView: number; static Render(): void; RenderWithShader(shader: Shader): void; depth: number; }
      class Transform { LookAt: number; }
      class Light { }
      enum CameraClearFlags { Skybox = 1, Everything = 9 }
    } }`;
    expect(compareTypings(hand, GENERATED)).toEqual([
      'UnityEngine.Camera.Render: static here, instance in the generated typings',
      'UnityEngine.Camera.RenderWithShader: takes 1 argument(s) here; the generated overloads take 2',
      'UnityEngine.Camera.depth: not in the generated typings',
      'UnityEngine.Transform.LookAt: a property here, a method in the generated typings',
      "UnityEngine.Light: not in the generated typings (is it in PuertsConfig.cs's [Typing] list?)",
      'UnityEngine.CameraClearFlags.Everything: not in the generated typings',
    ]);
  });
});
