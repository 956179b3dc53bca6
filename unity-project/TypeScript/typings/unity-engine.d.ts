/**
 * Hand-written typings for exactly the Unity API the player's TypeScript calls, in the shape
 * PuerTS generates (`CS.<namespace>.<Class>`; properties as fields). Each member cites its
 * scripting reference page. `npm run unity:typings -- --check` compares these with the file
 * PuerTS generates in Unity (Tools/PuerTS/Generate index.d.ts, see docs/unity.md).
 */
declare namespace CS {
  namespace System {
    /** https://learn.microsoft.com/dotnet/api/system.type */
    interface Type {
      readonly Name: string;
    }
    /** A C# array as PuerTS passes it to JavaScript: https://learn.microsoft.com/dotnet/api/system.array */
    interface Array$1<T> {
      readonly Length: number;
      get_Item(index: number): T;
    }
    namespace Threading.Tasks {
      /** https://learn.microsoft.com/dotnet/api/system.threading.tasks.task-1 (only awaited through puer.$promise) */
      interface Task$1<T> {
        readonly IsCompleted: boolean;
        /** Phantom member: keeps the result type. */
        readonly __result?: T;
      }
    }
  }

  namespace UnityEngine {
    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Object.html */
    class Object {
      name: string;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Object.Destroy.html */
      static Destroy(obj: Object): void;
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Component.html */
    class Component extends Object {
      readonly gameObject: GameObject;
      readonly transform: Transform;
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Behaviour.html */
    class Behaviour extends Component {
      enabled: boolean;
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/GameObject.html */
    class GameObject extends Object {
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/GameObject-ctor.html */
      constructor(name: string);
      readonly transform: Transform;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/GameObject.SetActive.html */
      SetActive(value: boolean): void;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/GameObject.AddComponent.html */
      AddComponent(componentType: System.Type): Component;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/GameObject.GetComponent.html */
      GetComponent(type: System.Type): Component;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/GameObject.CreatePrimitive.html */
      static CreatePrimitive(type: PrimitiveType): GameObject;
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Transform.html */
    class Transform extends Component {
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Transform-position.html */
      position: Vector3;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Transform-rotation.html */
      rotation: Quaternion;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Transform-localPosition.html */
      localPosition: Vector3;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Transform-localRotation.html */
      localRotation: Quaternion;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Transform-localScale.html */
      localScale: Vector3;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Transform.LookAt.html */
      LookAt(worldPosition: Vector3, worldUp: Vector3): void;
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Vector3.html */
    class Vector3 {
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Vector3-ctor.html */
      constructor(x: number, y: number, z: number);
      x: number;
      y: number;
      z: number;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Vector3-up.html */
      static readonly up: Vector3;
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Quaternion.html */
    class Quaternion {
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Quaternion-ctor.html */
      constructor(x: number, y: number, z: number, w: number);
      x: number;
      y: number;
      z: number;
      w: number;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Quaternion.Euler.html */
      static Euler(x: number, y: number, z: number): Quaternion;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Quaternion.LookRotation.html */
      static LookRotation(forward: Vector3): Quaternion;
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Color.html */
    class Color {
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Color-ctor.html */
      constructor(r: number, g: number, b: number, a: number);
      r: number;
      g: number;
      b: number;
      a: number;
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Shader.html */
    class Shader extends Object {}

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Texture.html */
    class Texture extends Object {}

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Texture2D.html */
    class Texture2D extends Texture {}

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Material.html */
    class Material extends Object {
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Material-ctor.html */
      constructor(shader: Shader);
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Material.SetColor.html */
      SetColor(name: string, value: Color): void;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Material.SetFloat.html */
      SetFloat(name: string, value: number): void;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Material.SetTexture.html */
      SetTexture(name: string, value: Texture): void;
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Renderer.html */
    class Renderer extends Component {
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Renderer-material.html */
      material: Material;
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Camera.html */
    class Camera extends Behaviour {
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Camera-fieldOfView.html (vertical, degrees) */
      fieldOfView: number;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Camera-aspect.html */
      aspect: number;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Camera-nearClipPlane.html */
      nearClipPlane: number;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Camera-farClipPlane.html */
      farClipPlane: number;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Camera-clearFlags.html */
      clearFlags: CameraClearFlags;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Camera-allowMSAA.html */
      allowMSAA: boolean;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Camera-allowHDR.html */
      allowHDR: boolean;
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Light.html */
    class Light extends Behaviour {
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Light-type.html */
      type: LightType;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Light-color.html */
      color: Color;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Light-intensity.html */
      intensity: number;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Light-shadows.html */
      shadows: LightShadows;
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/RenderSettings.html */
    class RenderSettings extends Object {
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/RenderSettings-skybox.html */
      static skybox: Material;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/RenderSettings-ambientMode.html */
      static ambientMode: Rendering.AmbientMode;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/RenderSettings-ambientLight.html */
      static ambientLight: Color;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/RenderSettings-ambientSkyColor.html */
      static ambientSkyColor: Color;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/RenderSettings-ambientEquatorColor.html */
      static ambientEquatorColor: Color;
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/RenderSettings-ambientGroundColor.html */
      static ambientGroundColor: Color;
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Resources.html */
    class Resources {
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Resources.Load.html */
      static Load(path: string, systemTypeInstance: System.Type): Object;
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Application.html */
    class Application {
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Application-unityVersion.html */
      static readonly unityVersion: string;
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/AsyncOperation.html */
    class AsyncOperation {
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/AsyncOperation-isDone.html */
      readonly isDone: boolean;
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/PrimitiveType.html */
    enum PrimitiveType {
      Sphere = 0,
      Capsule = 1,
      Cylinder = 2,
      Cube = 3,
      Plane = 4,
      Quad = 5,
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/CameraClearFlags.html */
    enum CameraClearFlags {
      Skybox = 1,
      SolidColor = 2,
      Depth = 3,
      Nothing = 4,
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/LightType.html */
    enum LightType {
      Spot = 0,
      Directional = 1,
      Point = 2,
    }

    /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/LightShadows.html */
    enum LightShadows {
      None = 0,
      Hard = 1,
      Soft = 2,
    }

    namespace Rendering {
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/Rendering.AmbientMode.html */
      enum AmbientMode {
        Skybox = 0,
        Trilight = 1,
        Flat = 3,
        Custom = 4,
      }
    }

    namespace SceneManagement {
      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/SceneManagement.Scene.html */
      class Scene {
        /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/SceneManagement.Scene-name.html */
        readonly name: string;
      }

      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/SceneManagement.LoadSceneMode.html */
      enum LoadSceneMode {
        Single = 0,
        Additive = 1,
      }

      /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/SceneManagement.SceneManager.html */
      class SceneManager {
        /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/SceneManagement.SceneManager.LoadSceneAsync.html (null when the scene is not in the build) */
        static LoadSceneAsync(sceneName: string, mode: LoadSceneMode): AsyncOperation | null;
        /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/SceneManagement.SceneManager.UnloadSceneAsync.html */
        static UnloadSceneAsync(sceneName: string): AsyncOperation | null;
        /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/SceneManagement.SceneManager.GetSceneByName.html */
        static GetSceneByName(name: string): Scene;
        /** https://docs.unity3d.com/2022.3/Documentation/ScriptReference/SceneManagement.SceneManager.SetActiveScene.html */
        static SetActiveScene(scene: Scene): boolean;
      }
    }
  }

  namespace GLTFast {
    /**
     * glTFast 6.14.1's loader (only passed to and from the ClonedPerson helpers, and disposed):
     * https://docs.unity3d.com/Packages/com.unity.cloud.gltfast@6.14/api/GLTFast.GltfImport.html
     */
    class GltfImport {
      /** https://docs.unity3d.com/Packages/com.unity.cloud.gltfast@6.14/api/GLTFast.GltfImport.html#GLTFast_GltfImport_Dispose */
      Dispose(): void;
    }
  }
}
