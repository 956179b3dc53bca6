/**
 * The Unity scene the session draws in (a {@link PlayerStage}): the procedural environment
 * (ground, sky, sun, ambient light) or an authored Unity scene, the characters (glTFast, one
 * import per character, one instance per person), the cameras, and per step the pose of every
 * person, one frame per camera and the annotations from id images. Everything Unity does goes
 * through `CS` (the C# helpers in Assets/ClonedPerson/Scripts and a few engine classes).
 */
import { readGlbJson } from '../../../orchestrator/src/contracts/character.js';
import { createPerspectiveCamera } from '../../../orchestrator/src/render/camera.js';
import type { RenderCamera } from '../../../orchestrator/src/render/camera.js';
import type { ColorRgb, SceneLoadMessage, StepMessage, WireAnnotation, WireCamera, WirePerson } from '../../../protocol/src/index.js';
import { readCharacterData } from './character-data.js';
import type { CharacterData } from './character-data.js';
import { glbBinaryChunk } from './glb-accessors.js';
import { headingToUnityQuaternion, mirrorMatrices, mirrorQuaternion, mirrorVector } from './handedness.js';
import { personGeometry } from './person-geometry.js';
import type { PersonGeometry } from './person-geometry.js';
import type { CharacterInfo, LogLevel, PlayerStage, RenderedStep, SceneAssets } from './player-session.js';
import { inFrustum } from '../../../orchestrator/src/render/view-geometry.js';
import { annotateView, countIdPixels } from './view-annotations.js';

/** A pose for one person in one step, in glTF space. */
export interface BonePose {
  /** Local rotation per bone (x, y, z, w), in the skin's joint order. */
  rotations: ArrayLike<number>;
  /** Local translation of each root bone (its rest translation plus the step's offset), metres. */
  roots: { bone: number; translationM: readonly [number, number, number] }[];
}

/** Poses a character for a step: the one pose module both players use (main.ts binds it). */
export interface PoseSource {
  /** Prepares what posing needs from a character's glb JSON; called once per character. */
  prepare(gltfJson: unknown, data: CharacterData): unknown;
  pose(prepared: unknown, person: WirePerson): BonePose;
}

/** Resolves on the next frame (the stage waits on Unity's asynchronous operations frame by frame). */
export type NextFrame = () => Promise<void>;

const ENCODINGS = { raw: 0, png: 1, jpeg: 2 } as const;
const NEAR_M = 0.1;
const FAR_M = 1000;

interface LoadedCharacter {
  id: string;
  gltf: CS.GLTFast.GltfImport;
  data: CharacterData;
  prepared: unknown;
}

interface Person {
  characterId: string;
  root: CS.UnityEngine.GameObject;
  bones: CS.System.Array$1<CS.UnityEngine.Transform | null>;
  quaternions: Float32Array;
}

interface StageCamera {
  wire: WireCamera;
  camera: CS.UnityEngine.Camera;
  math: RenderCamera;
}

function color(c: ColorRgb): CS.UnityEngine.Color {
  return new CS.UnityEngine.Color(c[0], c[1], c[2], 1);
}

/** sRGB encoding of a linear value (Unity's GammaToLinearSpace inverted). */
function srgb(linear: number): number {
  const v = Math.max(0, linear);
  return v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
}

/**
 * A linear colour (the protocol's lighting) for Unity, which reads colour values as sRGB and
 * linearises them in a linear-colour-space project.
 */
function linearColor(c: ColorRgb): CS.UnityEngine.Color {
  return new CS.UnityEngine.Color(srgb(c[0]), srgb(c[1]), srgb(c[2]), 1);
}

function vector(v: readonly number[]): CS.UnityEngine.Vector3 {
  return new CS.UnityEngine.Vector3(v[0], v[1], v[2]);
}

function shader(name: string): CS.UnityEngine.Shader {
  const found = CS.UnityEngine.Resources.Load(name, puer.$typeof(CS.UnityEngine.Shader)) as CS.UnityEngine.Shader | null;
  if (!found) throw new Error(`shader Resources/${name} is missing from the build`);
  return found;
}

export interface UnityStageOptions {
  poses: PoseSource;
  nextFrame: NextFrame;
  log: (level: LogLevel, message: string) => void;
}

export class UnityStage implements PlayerStage {
  private environment: CS.UnityEngine.Object[] = [];
  /** The props' glTFast imports (disposed with the scene). */
  private imports: CS.GLTFast.GltfImport[] = [];
  private authoredScene: string | null = null;
  private readonly characters = new Map<string, LoadedCharacter>();
  private readonly persons = new Map<number, Person>();
  private cameras = new Map<number, StageCamera>();

  constructor(private readonly options: UnityStageOptions) {}

  async loadScene(message: SceneLoadMessage, assets: SceneAssets): Promise<void> {
    await this.clearEnvironment();
    const authored = message.unityScene;
    if (authored !== undefined) {
      // The authored scene brings its ground, sky and lights; cameras, people and props are placed in it.
      const operation = CS.UnityEngine.SceneManagement.SceneManager.LoadSceneAsync(authored, CS.UnityEngine.SceneManagement.LoadSceneMode.Additive);
      if (!operation) throw new Error(`Unity scene ${authored} is not in the player's build (put it under Assets/Environments, see docs/unity.md)`);
      while (!operation.isDone) await this.options.nextFrame();
      this.authoredScene = authored;
      // Skybox, ambient light and fog come from the active scene, so the authored one becomes it.
      const SceneManager = CS.UnityEngine.SceneManagement.SceneManager;
      if (!SceneManager.SetActiveScene(SceneManager.GetSceneByName(authored))) throw new Error(`Unity scene ${authored} loaded but could not be made the active scene`);
      await this.loadProps(message, assets);
      return;
    }
    const env = message.environment;
    const UE = CS.UnityEngine;
    const ground = UE.GameObject.CreatePrimitive(UE.PrimitiveType.Quad);
    ground.name = 'clonedperson-ground';
    ground.transform.rotation = UE.Quaternion.Euler(90, 0, 0);
    ground.transform.localScale = vector([2 * env.ground.halfSizeM, 2 * env.ground.halfSizeM, 1]);
    const groundMaterial = new UE.Material(shader('ClonedPerson/Ground'));
    groundMaterial.SetColor('_Color', color(env.ground.color));
    groundMaterial.SetFloat('_TileM', env.ground.tileM);
    if (assets.ground) groundMaterial.SetTexture('_MainTex', this.texture(assets.ground, 'ground texture'));
    (ground.GetComponent(puer.$typeof(UE.Renderer)) as CS.UnityEngine.Renderer).material = groundMaterial;
    const sky = new UE.Material(shader('ClonedPerson/Sky'));
    sky.SetColor('_ZenithColor', color(env.background.zenithColor));
    sky.SetColor('_HorizonColor', color(env.background.horizonColor));
    if (assets.background) {
      sky.SetTexture('_Panorama', this.texture(assets.background, 'background image'));
      sky.SetFloat('_UsePanorama', 1);
    }
    UE.RenderSettings.skybox = sky;
    const { ambient, groundAmbient } = env.lighting;
    if (groundAmbient) {
      // Sky light from above, ground light from below, their mean at the horizon.
      UE.RenderSettings.ambientMode = UE.Rendering.AmbientMode.Trilight;
      UE.RenderSettings.ambientSkyColor = linearColor(ambient);
      UE.RenderSettings.ambientEquatorColor = linearColor([0, 1, 2].map((i) => (ambient[i] + groundAmbient[i]) / 2) as ColorRgb);
      UE.RenderSettings.ambientGroundColor = linearColor(groundAmbient);
    } else {
      UE.RenderSettings.ambientMode = UE.Rendering.AmbientMode.Flat;
      UE.RenderSettings.ambientLight = linearColor(ambient);
    }
    const sunObject = new UE.GameObject('clonedperson-sun');
    const sun = sunObject.AddComponent(puer.$typeof(UE.Light)) as CS.UnityEngine.Light;
    sun.type = UE.LightType.Directional;
    sun.color = linearColor(env.lighting.sunColor);
    sun.intensity = 1;
    sun.shadows = UE.LightShadows.Soft;
    sunObject.transform.rotation = UE.Quaternion.LookRotation(vector(mirrorVector(env.lighting.sunDirection)));
    this.environment.push(ground, groundMaterial, sky, sunObject);
    await this.loadProps(message, assets);
  }

  /** The scene's props: one glTFast import each, placed by its transform (they occlude and cast shadows like any mesh). */
  private async loadProps(message: SceneLoadMessage, assets: SceneAssets): Promise<void> {
    const props = message.props ?? [];
    for (const [i, prop] of props.entries()) {
      const gltf = CS.ClonedPerson.GltfLoading.Create();
      this.imports.push(gltf);
      if (!(await puer.$promise(CS.ClonedPerson.GltfLoading.Load(gltf, assets.props[i])))) throw new Error(`prop ${prop.name}: glTFast could not load its glb (see the Unity log)`);
      const root = new CS.UnityEngine.GameObject(`clonedperson-prop-${prop.name}`);
      this.environment.push(root);
      root.transform.position = vector(mirrorVector(prop.positionM));
      const [x, y, z, w] = mirrorQuaternion(prop.rotation);
      root.transform.rotation = new CS.UnityEngine.Quaternion(x, y, z, w);
      // A mirror leaves a per-axis scale as it is (S diag(s) S = diag(s)).
      root.transform.localScale = vector(prop.scale);
      if (!(await puer.$promise(CS.ClonedPerson.GltfLoading.Instantiate(gltf, root.transform)))) throw new Error(`prop ${prop.name}: glTFast could not instantiate it`);
    }
  }

  private texture(bytes: Uint8Array, label: string): CS.UnityEngine.Texture2D {
    const texture = CS.ClonedPerson.AssetFiles.DecodeImage(bytes, true);
    if (!texture) throw new Error(`the ${label} is not a PNG or JPEG image`);
    this.environment.push(texture);
    return texture;
  }

  private async clearEnvironment(): Promise<void> {
    for (const object of this.environment) CS.UnityEngine.Object.Destroy(object);
    this.environment = [];
    for (const gltf of this.imports) gltf.Dispose();
    this.imports = [];
    if (this.authoredScene) {
      const operation = CS.UnityEngine.SceneManagement.SceneManager.UnloadSceneAsync(this.authoredScene);
      this.authoredScene = null;
      while (operation && !operation.isDone) await this.options.nextFrame();
    }
  }

  async loadCharacter(characterId: string, glb: Uint8Array): Promise<CharacterInfo> {
    const json = readGlbJson(glb, `character ${characterId}`);
    const data = readCharacterData(json, glbBinaryChunk(glb), characterId);
    const prepared = this.options.poses.prepare(json, data);
    const gltf = CS.ClonedPerson.GltfLoading.Create();
    if (!(await puer.$promise(CS.ClonedPerson.GltfLoading.Load(gltf, glb)))) {
      gltf.Dispose();
      throw new Error('glTFast could not load the glb (see the Unity log)');
    }
    this.characters.get(characterId)?.gltf.Dispose();
    for (const [personId, person] of this.persons) {
      if (person.characterId === characterId) this.removePerson(personId);
    }
    this.characters.set(characterId, { id: characterId, gltf, data, prepared });
    return { vertexCount: data.vertexCount, jointCount: data.jointNames.length, heightM: data.heightM };
  }

  setCameras(cameras: readonly WireCamera[]): void {
    for (const camera of this.cameras.values()) CS.UnityEngine.Object.Destroy(camera.camera.gameObject);
    const UE = CS.UnityEngine;
    this.cameras = new Map(
      cameras.map((wire) => {
        const object = new UE.GameObject(`clonedperson-camera-${wire.name}`);
        const camera = object.AddComponent(puer.$typeof(UE.Camera)) as CS.UnityEngine.Camera;
        camera.enabled = false; // rendered on demand (FrameCapture)
        camera.fieldOfView = wire.fovDeg;
        camera.aspect = wire.widthPx / wire.heightPx;
        camera.nearClipPlane = NEAR_M;
        camera.farClipPlane = FAR_M;
        camera.clearFlags = UE.CameraClearFlags.Skybox;
        // Id images must come out exactly as written: no multisampling, no HDR buffer in between.
        camera.allowMSAA = false;
        camera.allowHDR = false;
        object.transform.position = vector(mirrorVector(wire.positionM));
        object.transform.LookAt(vector(mirrorVector(wire.lookAtM)), UE.Vector3.up);
        const math = createPerspectiveCamera({ positionM: wire.positionM, lookAtM: wire.lookAtM, fovDeg: wire.fovDeg, aspect: wire.widthPx / wire.heightPx, nearM: NEAR_M, farM: FAR_M });
        return [wire.camera, { wire, camera, math }];
      }),
    );
  }

  private removePerson(personId: number): void {
    const person = this.persons.get(personId);
    if (!person) return;
    CS.UnityEngine.Object.Destroy(person.root);
    this.persons.delete(personId);
  }

  private async person(wire: WirePerson, character: LoadedCharacter): Promise<Person> {
    const existing = this.persons.get(wire.personId);
    if (existing && existing.characterId === wire.characterId) return existing;
    if (existing) this.removePerson(wire.personId);
    const root = new CS.UnityEngine.GameObject(`clonedperson-person-${wire.personId}`);
    if (!(await puer.$promise(CS.ClonedPerson.GltfLoading.Instantiate(character.gltf, root.transform)))) {
      CS.UnityEngine.Object.Destroy(root);
      throw new Error(`glTFast could not instantiate character ${wire.characterId}`);
    }
    const bones = CS.ClonedPerson.Rig.FindBones(root.transform, character.data.jointNodeNames.join('\n'));
    for (let b = 0; b < bones.Length; b++) {
      if (!bones.get_Item(b)) throw new Error(`character ${wire.characterId}: no Transform named ${character.data.jointNodeNames[b]} after instantiation`);
    }
    CS.ClonedPerson.IdPass.Tag(root, wire.personId);
    const person: Person = { characterId: wire.characterId, root, bones, quaternions: new Float32Array(bones.Length * 4) };
    this.persons.set(wire.personId, person);
    return person;
  }

  /** Places and poses `person`, then reads back where Unity put its bones (glTF space). */
  private posePerson(person: Person, wire: WirePerson, character: LoadedCharacter): PersonGeometry {
    const UE = CS.UnityEngine;
    person.root.SetActive(true);
    const [hx, hy, hz, hw] = headingToUnityQuaternion(wire.headingDeg);
    person.root.transform.position = vector(mirrorVector(wire.positionM));
    person.root.transform.rotation = new UE.Quaternion(hx, hy, hz, hw);
    const pose = this.options.poses.pose(character.prepared, wire);
    const q = person.quaternions;
    for (let b = 0; b < q.length / 4; b++) q.set(mirrorQuaternion([pose.rotations[b * 4], pose.rotations[b * 4 + 1], pose.rotations[b * 4 + 2], pose.rotations[b * 4 + 3]]), b * 4);
    CS.ClonedPerson.Rig.SetLocalRotations(person.bones, q);
    for (const { bone, translationM } of pose.roots) person.bones.get_Item(bone)!.localPosition = vector(mirrorVector(translationM));
    const unityWorld = new Float32Array(CS.ClonedPerson.Rig.WorldMatrices(person.bones));
    const world = mirrorMatrices(new Float64Array(unityWorld.length), unityWorld, unityWorld.length / 16);
    return personGeometry(character.data, wire.personId, wire.positionM, world);
  }

  async renderStep(message: StepMessage): Promise<RenderedStep> {
    const posed: { geometry: PersonGeometry; person: Person }[] = [];
    const present = new Set<number>();
    for (const wire of message.persons) {
      const character = this.characters.get(wire.characterId);
      if (!character) throw new Error(`step names character ${wire.characterId}, which is not loaded`);
      const person = await this.person(wire, character);
      present.add(wire.personId);
      posed.push({ geometry: this.posePerson(person, wire, character), person });
    }
    // People who left the scene go (the embedded player drops their buffers too).
    for (const personId of [...this.persons.keys()]) if (!present.has(personId)) this.removePerson(personId);
    const frames: RenderedStep['frames'] = [];
    const annotations: WireAnnotation[] = [];
    for (const index of message.cameras) {
      const view = this.cameras.get(index);
      if (!view) throw new Error(`step asks for camera ${index}, which is not set up`);
      const { wire, camera, math } = view;
      const s = wire.samplesPerAxis ?? 1;
      const payload = CS.ClonedPerson.FrameCapture.Render(camera, wire.widthPx, wire.heightPx, s, ENCODINGS[wire.encoding], wire.jpegQuality ?? 92);
      frames.push({ camera: index, payload: new Uint8Array(payload) });
      const visible = posed.filter((p) => inFrustum(math, p.geometry.centerM, p.geometry.radiusM));
      if (visible.length === 0) continue;
      const W = wire.widthPx * s, H = wire.heightPx * s;
      const ids = { widthPx: W, heightPx: H, rgba: new Uint8Array(CS.ClonedPerson.IdPass.Render(camera, W, H)) };
      const alonePixels = visible.map((p) => countIdPixels({ widthPx: W, heightPx: H, rgba: new Uint8Array(CS.ClonedPerson.IdPass.RenderAlone(camera, p.person.root, W, H)) }));
      const measured = annotateView({ camera: math, widthPx: wire.widthPx, heightPx: wire.heightPx, samplesPerAxis: s, persons: visible.map((p) => p.geometry), ids, alonePixels });
      for (const a of measured) annotations.push({ camera: index, ...a });
    }
    return { frames, annotations };
  }

  dispose(): void {
    for (const id of [...this.persons.keys()]) this.removePerson(id);
    for (const camera of this.cameras.values()) CS.UnityEngine.Object.Destroy(camera.camera.gameObject);
    this.cameras.clear();
    for (const character of this.characters.values()) character.gltf.Dispose();
    this.characters.clear();
    for (const object of this.environment) CS.UnityEngine.Object.Destroy(object);
    this.environment = [];
    for (const gltf of this.imports) gltf.Dispose();
    this.imports = [];
  }
}
