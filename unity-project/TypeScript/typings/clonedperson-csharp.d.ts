/**
 * Typings for the project's own C# helpers in unity-project/Assets/ClonedPerson/Scripts (the
 * source is the reference; test/unit/unity/csharp-api.test.ts checks each member here exists
 * there with the same parameter count).
 */
declare namespace CS {
  namespace ClonedPerson {
    /** PlayerConfig.cs */
    class PlayerConfig {
      readonly Url: string;
      readonly Token: string;
      readonly AssetRoots: string | null;
      readonly LogLevel: string;
      readonly BundlePath: string | null;
    }

    /** PlayerBootstrap.cs */
    class PlayerBootstrap {
      static readonly Config: PlayerConfig;
      static RequestExit(code: number): void;
    }

    /** SocketTransport.cs */
    class SocketTransport {
      constructor(url: string);
      readonly State: number;
      readonly CloseCode: number;
      readonly CloseReason: string;
      readonly Failure: string | null;
      NextText(): string | null;
      SendText(text: string): void;
      SendBinary(bytes: ArrayBuffer | ArrayBufferView): void;
      Close(code: number, reason: string): void;
      Dispose(): void;
    }

    /** FrameCapture.cs */
    class FrameCapture {
      static Render(camera: UnityEngine.Camera, widthPx: number, heightPx: number, samplesPerAxis: number, encoding: number, jpegQuality: number): ArrayBuffer;
    }

    /** IdPass.cs */
    class IdPass {
      static Tag(person: UnityEngine.GameObject, personId: number): void;
      static Render(camera: UnityEngine.Camera, widthPx: number, heightPx: number): ArrayBuffer;
      static RenderAlone(camera: UnityEngine.Camera, person: UnityEngine.GameObject, widthPx: number, heightPx: number): ArrayBuffer;
    }

    /** Rig.cs */
    class Rig {
      static FindBones(root: UnityEngine.Transform, names: string): System.Array$1<UnityEngine.Transform | null>;
      static SetLocalRotations(bones: System.Array$1<UnityEngine.Transform | null>, quaternions: ArrayBuffer | ArrayBufferView): void;
      static WorldMatrices(bones: System.Array$1<UnityEngine.Transform | null>): ArrayBuffer;
    }

    /** AssetFiles.cs */
    class AssetFiles {
      static Confine(path: string, roots: string): string | null;
      static Read(path: string): ArrayBuffer;
      static DecodeImage(bytes: ArrayBuffer | ArrayBufferView, repeat: boolean): UnityEngine.Texture2D | null;
    }

    /** GltfLoading.cs */
    class GltfLoading {
      static Create(): GLTFast.GltfImport;
      static Load(gltf: GLTFast.GltfImport, glb: ArrayBuffer | ArrayBufferView): System.Threading.Tasks.Task$1<boolean>;
      static Instantiate(gltf: GLTFast.GltfImport, parent: UnityEngine.Transform): System.Threading.Tasks.Task$1<boolean>;
    }
  }
}
