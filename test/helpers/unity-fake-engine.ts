/**
 * A fake Unity for running the player's script bundle outside Unity: the `CS` and `puer` objects
 * PuerTS would give it, with the Unity classes and the project's C# helpers
 * (Assets/ClonedPerson/Scripts) it uses. It keeps a scene graph with real left-handed transform
 * maths (unity-fake-math.ts), instantiates glbs as glTFast does (one GameObject per node, X
 * negated, skinned renderers with bind poses), renders id and colour images with a small z-buffer
 * rasteriser in Unity's camera conventions, marshals like PuerTS (C# ArrayBuffer results arrive
 * as fresh ArrayBuffers, typed arrays passed in are copied, C# null is null) and records what the
 * player did. Pure: it runs inside the vm and QuickJS guests, and reaches the outside (socket,
 * files, log, exit) only through the {@link FakeUnityHost}.
 */
import { gltfMatrixToUnity, mInverseAffine, mMul, mPoint, qEuler, qInverse, qLookRotation, qMul, trs } from './unity-fake-math.js';
import type { M4, Q, V3 } from './unity-fake-math.js';
import { parseFakeGltf } from './unity-fake-glb.js';
import type { FakeGltf } from './unity-fake-glb.js';

export interface FakeUnityHost {
  connect(url: string): void;
  sendText(text: string): void;
  sendBinary(bytes: Uint8Array): void;
  closeSocket(code: number, reason: string): void;
  readFile(path: string): Uint8Array | null;
  log(level: 'log' | 'warn' | 'error', line: string): void;
  requestExit(code: number): void;
}

export interface FakeUnityConfig {
  Url: string;
  Token: string;
  AssetRoots: string | null;
  LogLevel: string;
  BundlePath: string | null;
}

export interface FakeUnityOptions {
  config: FakeUnityConfig;
  /** Authored scenes in the fake build (SceneManager.LoadSceneAsync finds these). */
  scenes?: string[];
  unityVersion?: string;
}

export interface FakeRecords {
  /** Every Rig.SetLocalRotations call: the person's root name and the floats (Unity space). */
  rotations: { person: string; quaternions: number[] }[];
  /** Every FrameCapture.Render call. */
  frames: { camera: string; widthPx: number; heightPx: number; samplesPerAxis: number; encoding: number }[];
  idRenders: number;
  aloneRenders: number;
  loadedScenes: string[];
  /** The scene SceneManager.SetActiveScene made active (RenderSettings come from it). */
  activeScene?: string;
  /** Names of the CS members the player touched. */
  used: string[];
}

/** The socket's event side, driven by the host (the "C# receive thread"). */
export interface FakeSocketControl {
  opened(): void;
  deliver(text: string): void;
  closed(code: number, reason: string, failure: string | null): void;
}

// ---------------------------------------------------------------- value types (structs)

class Vector3 {
  constructor(
    public x = 0,
    public y = 0,
    public z = 0,
  ) {}
  static get up(): Vector3 {
    return new Vector3(0, 1, 0);
  }
}

class Quaternion {
  constructor(
    public x = 0,
    public y = 0,
    public z = 0,
    public w = 1,
  ) {}
  static Euler(x: number, y: number, z: number): Quaternion {
    return quaternion(qEuler(x, y, z));
  }
  static LookRotation(forward: Vector3): Quaternion {
    return quaternion(qLookRotation([forward.x, forward.y, forward.z]));
  }
}

class Color {
  constructor(
    public r = 0,
    public g = 0,
    public b = 0,
    public a = 1,
  ) {}
}

const v3 = (v: Vector3): V3 => [v.x, v.y, v.z];
const q4 = (q: Quaternion): Q => [q.x, q.y, q.z, q.w];
const vector = (v: readonly number[]): Vector3 => new Vector3(v[0], v[1], v[2]);
const quaternion = (q: readonly number[]): Quaternion => new Quaternion(q[0], q[1], q[2], q[3]);

// ---------------------------------------------------------------- objects

class UObject {
  name = '';
  destroyed = false;
}

class GameObject extends UObject {
  readonly transform: Transform;
  readonly components: Component[] = [];
  activeSelf = true;
  constructor(name = 'GameObject') {
    super();
    this.name = name;
    this.transform = new Transform(this);
    this.components.push(this.transform);
    world.roots.add(this);
  }
  SetActive(value: boolean): void {
    this.activeSelf = value;
  }
  get activeInHierarchy(): boolean {
    for (let t: Transform | null = this.transform; t; t = t.parent) if (!t.gameObject.activeSelf) return false;
    return true;
  }
  AddComponent(type: ComponentClass): Component {
    const component = new type(this);
    this.components.push(component);
    return component;
  }
  GetComponent(type: ComponentClass): Component | null {
    return this.components.find((c) => c instanceof type) ?? null;
  }
  static CreatePrimitive(type: number): GameObject {
    world.use('GameObject.CreatePrimitive');
    if (type !== 5) throw new Error(`fake Unity: CreatePrimitive(${type}) is not modelled (only Quad)`);
    const object = new GameObject('Quad');
    const renderer = object.AddComponent(MeshRenderer) as MeshRenderer;
    renderer.mesh = { positions: Float64Array.of(-0.5, -0.5, 0, 0.5, -0.5, 0, 0.5, 0.5, 0, -0.5, 0.5, 0), joints: null, weights: null, indices: Uint32Array.of(0, 1, 2, 0, 2, 3) };
    return object;
  }
}

class Component extends UObject {
  constructor(readonly gameObject: GameObject) {
    super();
  }
  get transform(): Transform {
    return this.gameObject.transform;
  }
}
type ComponentClass = new (gameObject: GameObject) => Component;

class Transform extends Component {
  parent: Transform | null = null;
  readonly children: Transform[] = [];
  private t: V3 = [0, 0, 0];
  private r: Q = [0, 0, 0, 1];
  private s: V3 = [1, 1, 1];

  setParent(parent: Transform | null): void {
    if (this.parent) this.parent.children.splice(this.parent.children.indexOf(this), 1);
    this.parent = parent;
    if (parent) {
      parent.children.push(this);
      world.roots.delete(this.gameObject);
    } else world.roots.add(this.gameObject);
  }
  get localPosition(): Vector3 {
    return vector(this.t);
  }
  set localPosition(v: Vector3) {
    this.t = v3(v);
  }
  get localRotation(): Quaternion {
    return quaternion(this.r);
  }
  set localRotation(q: Quaternion) {
    this.r = q4(q);
  }
  get localScale(): Vector3 {
    return vector(this.s);
  }
  set localScale(v: Vector3) {
    this.s = v3(v);
  }
  setLocal(t: V3, r: Q, s: V3): void {
    this.t = t;
    this.r = r;
    this.s = s;
  }
  get localToWorld(): M4 {
    const local = trs(this.t, this.r, this.s);
    return this.parent ? mMul(this.parent.localToWorld, local) : local;
  }
  private get worldRotation(): Q {
    return this.parent ? qMul(this.parent.worldRotation, this.r) : this.r;
  }
  get position(): Vector3 {
    const m = this.localToWorld;
    return new Vector3(m[12], m[13], m[14]);
  }
  set position(v: Vector3) {
    this.t = this.parent ? mPoint(mInverseAffine(this.parent.localToWorld), v3(v)) : v3(v);
  }
  get rotation(): Quaternion {
    return quaternion(this.worldRotation);
  }
  set rotation(q: Quaternion) {
    this.r = this.parent ? qMul(qInverse(this.parent.worldRotation), q4(q)) : q4(q);
  }
  LookAt(target: Vector3, up: Vector3): void {
    const p = this.position;
    this.rotation = quaternion(qLookRotation([target.x - p.x, target.y - p.y, target.z - p.z], v3(up)));
  }
}

class Behaviour extends Component {
  enabled = true;
}

class Camera extends Behaviour {
  allowMSAA = true;
  allowHDR = true;
  fieldOfView = 60;
  aspect = 1;
  nearClipPlane = 0.3;
  farClipPlane = 1000;
  clearFlags = 1;
}

class Light extends Behaviour {
  type = 2;
  color = new Color(1, 1, 1, 1);
  intensity = 1;
  shadows = 0;
}

class Shader extends UObject {}
class Texture extends UObject {}
class Texture2D extends Texture {}

class Material extends UObject {
  readonly properties: Record<string, unknown> = {};
  constructor(readonly shader: Shader) {
    super();
  }
  SetColor(name: string, value: Color): void {
    this.properties[name] = new Color(value.r, value.g, value.b, value.a);
  }
  SetFloat(name: string, value: number): void {
    this.properties[name] = value;
  }
  SetTexture(name: string, value: Texture): void {
    this.properties[name] = value;
  }
}

interface MeshData {
  positions: Float64Array;
  joints: Float64Array | null;
  weights: Float64Array | null;
  indices: Uint32Array;
}

class Renderer extends Component {
  material: Material | null = null;
  /** IdPass.Tag's MaterialPropertyBlock value. */
  personId = 0;
  mesh: MeshData | null = null;
  /** World positions of the mesh's vertices. */
  worldVertices(): Float64Array {
    const mesh = this.mesh!;
    const m = this.transform.localToWorld;
    const out = new Float64Array(mesh.positions.length);
    for (let i = 0; i < mesh.positions.length; i += 3) out.set(mPoint(m, mesh.positions.subarray(i, i + 3)), i);
    return out;
  }
}

class MeshRenderer extends Renderer {}

class SkinnedMeshRenderer extends Renderer {
  bones: Transform[] = [];
  bindposes: M4[] = [];
  override worldVertices(): Float64Array {
    const mesh = this.mesh!;
    const skin = this.bones.map((bone, j) => mMul(bone.localToWorld, this.bindposes[j]));
    const out = new Float64Array(mesh.positions.length);
    for (let i = 0; i < mesh.positions.length / 3; i++) {
      const p = mesh.positions.subarray(i * 3, i * 3 + 3);
      for (let k = 0; k < 4; k++) {
        const w = mesh.weights ? mesh.weights[i * 4 + k] : k === 0 ? 1 : 0;
        if (w === 0) continue;
        const q = mPoint(skin[mesh.joints ? mesh.joints[i * 4 + k] : 0], p);
        out[i * 3] += w * q[0];
        out[i * 3 + 1] += w * q[1];
        out[i * 3 + 2] += w * q[2];
      }
    }
    return out;
  }
}

class AsyncOperation {
  constructor(private readonly doneAtFrame: number) {}
  get isDone(): boolean {
    return world.frame >= this.doneAtFrame;
  }
}

/** A C# Task as puer.$promise sees it. */
class Task<T> {
  IsCompleted = false;
  readonly promise: Promise<T>;
  constructor(run: () => T) {
    // Completes on a later frame, as glTFast's tasks do on Unity's main-thread context.
    this.promise = new Promise<T>((resolve, reject) => {
      world.pending.push(() => {
        try {
          resolve(run());
        } catch (error) {
          // puer.$promise rejects with the C# exception's message, not an Error (puerts/csharp.mjs)
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
          reject(error instanceof Error ? error.message : String(error));
        }
        this.IsCompleted = true;
      });
    });
  }
}

class GltfImport extends UObject {
  data: FakeGltf | null = null;
  disposed = false;
  Dispose(): void {
    this.disposed = true;
  }
}

// ---------------------------------------------------------------- the world

interface World {
  roots: Set<GameObject>;
  frame: number;
  pending: (() => void)[];
  use: (name: string) => void;
}
let world: World = { roots: new Set(), frame: 0, pending: [], use: () => undefined };

function allObjects(): GameObject[] {
  const out: GameObject[] = [];
  const visit = (t: Transform): void => {
    if (t.gameObject.destroyed) return;
    out.push(t.gameObject);
    for (const c of t.children) visit(c);
  };
  for (const root of world.roots) visit(root.transform);
  return out;
}

function destroy(object: UObject): void {
  object.destroyed = true;
  if (object instanceof GameObject) {
    object.transform.setParent(null);
    world.roots.delete(object);
  }
}

// ---------------------------------------------------------------- rendering

interface Target {
  w: number;
  h: number;
  depth: Float64Array;
  value: Uint32Array;
}

/** Draws every active renderer `include` accepts into `target` (rows bottom-up) through `camera`, the value per renderer from `valueOf`. */
function rasterize(camera: Camera, target: Target, include: (r: Renderer) => boolean, valueOf: (r: Renderer) => number): void {
  const view = mInverseAffine(camera.transform.localToWorld);
  const tanHalf = Math.tan((camera.fieldOfView * Math.PI) / 360);
  const aspect = camera.aspect;
  for (const object of allObjects()) {
    if (!object.activeInHierarchy) continue;
    for (const renderer of object.components) {
      if (!(renderer instanceof Renderer) || !renderer.mesh || !include(renderer)) continue;
      const worldVertices = renderer.worldVertices();
      const count = worldVertices.length / 3;
      const camera3 = Array.from({ length: count }, (_, i) => mPoint(view, worldVertices.subarray(i * 3, i * 3 + 3)));
      const value = valueOf(renderer);
      const idx = renderer.mesh.indices;
      for (let t = 0; t < idx.length; t += 3) {
        // Clip the triangle against the near plane (camera space, +Z forward), then fan it.
        const polygon = clipNear([camera3[idx[t]], camera3[idx[t + 1]], camera3[idx[t + 2]]], camera.nearClipPlane);
        for (let k = 1; k + 1 < polygon.length; k++) drawTriangle(target, [polygon[0], polygon[k], polygon[k + 1]], tanHalf, aspect, value);
      }
    }
  }
}

/** The part of a polygon (camera space) in front of the near plane. */
function clipNear(points: V3[], near: number): V3[] {
  const out: V3[] = [];
  for (let i = 0; i < points.length; i++) {
    const a = points[i], b = points[(i + 1) % points.length];
    const ina = a[2] >= near, inb = b[2] >= near;
    if (ina) out.push(a);
    if (ina !== inb) {
      const t = (near - a[2]) / (b[2] - a[2]);
      out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, near]);
    }
  }
  return out;
}

/** Rasterises one camera-space triangle (in front of the near plane) at sample centres, nearest depth wins. */
function drawTriangle(target: Target, tri: V3[], tanHalf: number, aspect: number, value: number): void {
  const sx = tri.map((c) => ((c[0] / (c[2] * tanHalf * aspect)) * 0.5 + 0.5) * target.w);
  const sy = tri.map((c) => ((c[1] / (c[2] * tanHalf)) * 0.5 + 0.5) * target.h);
  const sz = tri.map((c) => c[2]);
  const area = (sx[1] - sx[0]) * (sy[2] - sy[0]) - (sx[2] - sx[0]) * (sy[1] - sy[0]);
  if (area === 0) return;
  const x0 = Math.max(0, Math.floor(Math.min(...sx)));
  const x1 = Math.min(target.w - 1, Math.ceil(Math.max(...sx)));
  const y0 = Math.max(0, Math.floor(Math.min(...sy)));
  const y1 = Math.min(target.h - 1, Math.ceil(Math.max(...sy)));
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5;
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      const wa = ((sx[1] - px) * (sy[2] - py) - (sx[2] - px) * (sy[1] - py)) / area;
      const wb = ((sx[2] - px) * (sy[0] - py) - (sx[0] - px) * (sy[2] - py)) / area;
      const wc = 1 - wa - wb;
      if (wa < 0 || wb < 0 || wc < 0) continue;
      const z = 1 / (wa / sz[0] + wb / sz[1] + wc / sz[2]);
      const i = y * target.w + x;
      if (z < target.depth[i]) {
        target.depth[i] = z;
        target.value[i] = value;
      }
    }
  }
}

function newTarget(w: number, h: number, background: number): Target {
  return { w, h, depth: new Float64Array(w * h).fill(Infinity), value: new Uint32Array(w * h).fill(background) };
}

function idImage(camera: Camera, w: number, h: number, include: (r: Renderer) => boolean): ArrayBuffer {
  const target = newTarget(w, h, 0);
  rasterize(camera, target, include, (r) => r.personId);
  const out = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    const id = target.value[i];
    out.set([id & 255, (id >> 8) & 255, 0, id === 0 ? 0 : 255], i * 4);
  }
  return out.buffer;
}

const to255 = (c: Color | undefined, fallback: number): number =>
  c ? (Math.round(Math.min(1, c.r) * 255) << 16) | (Math.round(Math.min(1, c.g) * 255) << 8) | Math.round(Math.min(1, c.b) * 255) : fallback;

function personColor(id: number): number {
  const h = Math.imul(id, 0x9e3779b1) >>> 0;
  return ((64 + (h & 127)) << 16) | ((64 + ((h >> 8) & 127)) << 8) | (64 + ((h >> 16) & 127));
}

// ---------------------------------------------------------------- PNG (stored deflate) for colour frames

function crcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}
const CRC = crcTable();

function encodePng(rgbTopDown: Uint8Array, w: number, h: number): Uint8Array {
  const raw = new Uint8Array(h * (w * 3 + 1));
  for (let y = 0; y < h; y++) raw.set(rgbTopDown.subarray(y * w * 3, (y + 1) * w * 3), y * (w * 3 + 1) + 1);
  const blocks: number[] = [0x78, 0x01];
  for (let at = 0; at < raw.length || at === 0; at += 65535) {
    const len = Math.min(65535, raw.length - at);
    const last = at + len >= raw.length ? 1 : 0;
    blocks.push(last, len & 255, len >> 8, ~len & 255, (~len >> 8) & 255);
    for (let i = 0; i < len; i++) blocks.push(raw[at + i]);
    if (last) break;
  }
  let s1 = 1, s2 = 0;
  for (const b of raw) {
    s1 = (s1 + b) % 65521;
    s2 = (s2 + s1) % 65521;
  }
  blocks.push(s2 >> 8, s2 & 255, s1 >> 8, s1 & 255);
  const chunks: number[] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const chunk = (type: string, data: ArrayLike<number>): void => {
    const bytes = [type.charCodeAt(0), type.charCodeAt(1), type.charCodeAt(2), type.charCodeAt(3), ...Array.from(data)];
    let crc = 0xffffffff;
    for (const b of bytes) crc = CRC[(crc ^ b) & 255] ^ (crc >>> 8);
    crc = (crc ^ 0xffffffff) >>> 0;
    const n = data.length;
    chunks.push(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255, ...bytes, crc >>> 24, (crc >>> 16) & 255, (crc >>> 8) & 255, crc & 255);
  };
  chunk('IHDR', [w >>> 24, (w >>> 16) & 255, (w >>> 8) & 255, w & 255, h >>> 24, (h >>> 16) & 255, (h >>> 8) & 255, h & 255, 8, 2, 0, 0, 0]);
  chunk('IDAT', blocks);
  chunk('IEND', []);
  return Uint8Array.from(chunks);
}

// ---------------------------------------------------------------- marshalling

/** What PuerTS does to a JS value passed where C# takes a Puerts.ArrayBuffer: copies its bytes. */
function bytesIn(value: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  throw new Error('fake PuerTS: expected an ArrayBuffer or a typed array for a Puerts.ArrayBuffer parameter');
}

/** A C# array of objects as PuerTS hands it to JS. */
class CSharpArray<T> {
  constructor(readonly items: T[]) {}
  get Length(): number {
    return this.items.length;
  }
  get_Item(i: number): T {
    if (i < 0 || i >= this.items.length) throw new Error(`IndexOutOfRangeException: ${i}`);
    return this.items[i];
  }
}

// ---------------------------------------------------------------- the engine

function normalizePath(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export interface FakeUnity {
  CS: Record<string, unknown>;
  puer: Record<string, unknown>;
  socket: FakeSocketControl;
  records: FakeRecords;
  /** Advances one frame: completes pending tasks and asynchronous operations. */
  frame(): void;
}

export function createFakeUnity(host: FakeUnityHost, options: FakeUnityOptions): FakeUnity {
  const records: FakeRecords = { rotations: [], frames: [], idRenders: 0, aloneRenders: 0, loadedScenes: [], used: [] };
  const use = (name: string): void => {
    if (!records.used.includes(name)) records.used.push(name);
  };
  world = { roots: new Set(), frame: 0, pending: [], use };
  const scenes = new Set(options.scenes ?? []);
  const renderSettings = { skybox: null as Material | null, ambientMode: 0, ambientLight: new Color(0, 0, 0, 1) };

  let socket: { state: number; closeCode: number; closeReason: string; failure: string | null; incoming: string[] } | null = null;
  class SocketTransport {
    constructor(url: string) {
      use('SocketTransport');
      if (socket) throw new Error('fake Unity: one socket per player');
      socket = { state: 0, closeCode: 0, closeReason: '', failure: null, incoming: [] };
      host.connect(url);
    }
    get State(): number {
      return socket!.state;
    }
    get CloseCode(): number {
      return socket!.closeCode;
    }
    get CloseReason(): string {
      return socket!.closeReason;
    }
    get Failure(): string | null {
      return socket!.failure;
    }
    NextText(): string | null {
      return socket!.incoming.shift() ?? null;
    }
    SendText(text: string): void {
      if (socket!.state === 1) host.sendText(text);
    }
    SendBinary(bytes: ArrayBuffer | ArrayBufferView): void {
      if (socket!.state === 1) host.sendBinary(bytesIn(bytes));
    }
    Close(code: number, reason: string): void {
      if (socket!.state === 1) host.closeSocket(code, reason);
    }
    Dispose(): void {
      use('SocketTransport.Dispose');
    }
  }

  const instantiate = (gltf: FakeGltf, roots: number[], parent: Transform): void => {
    const objects = gltf.nodes.map((node, i) => {
      const object = new GameObject(node.name ?? `Node-${i}`);
      if (node.matrix) throw new Error('fake glTFast: node matrices are not modelled');
      const [tx, ty, tz] = node.translation ?? [0, 0, 0];
      const [rx, ry, rz, rw] = node.rotation ?? [0, 0, 0, 1];
      object.transform.setLocal([-tx, ty, tz], [rx, -ry, -rz, rw], node.scale ?? [1, 1, 1]);
      return object;
    });
    gltf.nodes.forEach((node, i) => node.children?.forEach((c) => objects[c].transform.setParent(objects[i].transform)));
    const sceneRoot = new GameObject('Scene');
    sceneRoot.transform.setParent(parent);
    for (const root of roots) objects[root].transform.setParent(sceneRoot.transform);
    gltf.nodes.forEach((node, i) => {
      if (node.mesh === undefined) return;
      const skin = node.skin === undefined ? undefined : gltf.skins[node.skin];
      for (const primitive of gltf.meshes[node.mesh]) {
        const holder = gltf.meshes[node.mesh].length === 1 ? objects[i] : new GameObject('primitive');
        if (holder !== objects[i]) holder.transform.setParent(objects[i].transform);
        const positions = Float64Array.from(primitive.positions);
        for (let v = 0; v < positions.length; v += 3) positions[v] = -positions[v];
        const mesh: MeshData = { positions, joints: primitive.joints, weights: primitive.weights, indices: primitive.indices };
        if (skin) {
          const renderer = holder.AddComponent(SkinnedMeshRenderer) as SkinnedMeshRenderer;
          renderer.mesh = mesh;
          renderer.bones = skin.joints.map((j) => objects[j].transform);
          renderer.bindposes = skin.joints.map((j, k) => (skin.inverseBind ? gltfMatrixToUnity(skin.inverseBind.subarray(k * 16, k * 16 + 16)) : mInverseAffine(objects[j].transform.localToWorld)));
        } else (holder.AddComponent(MeshRenderer) as MeshRenderer).mesh = mesh;
      }
    });
  };

  const UnityEngine = {
    Object: { Destroy: (o: UObject) => (use('Object.Destroy'), destroy(o)) },
    GameObject,
    Component,
    Behaviour,
    Transform,
    Vector3,
    Quaternion,
    Color,
    Shader,
    Texture,
    Texture2D,
    Material,
    Renderer,
    Camera,
    Light,
    AsyncOperation,
    RenderSettings: renderSettings,
    Resources: {
      Load(path: string, type: unknown): UObject | null {
        use('Resources.Load');
        if (type !== Shader || !['ClonedPerson/Ground', 'ClonedPerson/Sky', 'ClonedPerson/IdPass'].includes(path)) return null;
        const shader = new Shader();
        shader.name = path;
        return shader;
      },
    },
    Application: { unityVersion: options.unityVersion ?? '2022.3.62f1' },
    PrimitiveType: { Sphere: 0, Capsule: 1, Cylinder: 2, Cube: 3, Plane: 4, Quad: 5 },
    CameraClearFlags: { Skybox: 1, SolidColor: 2, Depth: 3, Nothing: 4 },
    LightType: { Spot: 0, Directional: 1, Point: 2 },
    LightShadows: { None: 0, Hard: 1, Soft: 2 },
    Rendering: { AmbientMode: { Skybox: 0, Trilight: 1, Flat: 3, Custom: 4 } },
    SceneManagement: {
      LoadSceneMode: { Single: 0, Additive: 1 },
      SceneManager: {
        LoadSceneAsync(name: string, mode: number): AsyncOperation | null {
          use('SceneManager.LoadSceneAsync');
          if (!scenes.has(name) || mode !== 1) {
            host.log('error', `Scene '${name}' couldn't be loaded because it has not been added to the build settings`);
            return null;
          }
          records.loadedScenes.push(name);
          return new AsyncOperation(world.frame + 2);
        },
        UnloadSceneAsync(name: string): AsyncOperation | null {
          use('SceneManager.UnloadSceneAsync');
          return scenes.has(name) ? new AsyncOperation(world.frame + 1) : null;
        },
        GetSceneByName(name: string): { name: string; loaded: boolean } {
          use('SceneManager.GetSceneByName');
          return { name, loaded: records.loadedScenes.includes(name) };
        },
        SetActiveScene(scene: { name: string; loaded: boolean }): boolean {
          use('SceneManager.SetActiveScene');
          if (scene.loaded) records.activeScene = scene.name;
          return scene.loaded;
        },
      },
    },
  };

  const ClonedPerson = {
    PlayerBootstrap: {
      Config: options.config,
      RequestExit: (code: number) => host.requestExit(code),
    },
    SocketTransport,
    FrameCapture: {
      Render(camera: Camera, widthPx: number, heightPx: number, samplesPerAxis: number, encoding: number, _quality: number): ArrayBuffer {
        use('FrameCapture.Render');
        records.frames.push({ camera: camera.gameObject.name, widthPx, heightPx, samplesPerAxis, encoding });
        const s = Math.max(1, samplesPerAxis);
        const W = widthPx * s, H = heightPx * s;
        const sky = renderSettings.skybox?.properties._HorizonColor as Color | undefined;
        const target = newTarget(W, H, to255(sky, 0x808080));
        rasterize(camera, target, () => true, (r) => (r.personId ? personColor(r.personId) : to255(r.material?.properties._Color as Color | undefined, 0x606060)));
        const rgb = new Uint8Array(widthPx * heightPx * 3);
        for (let y = 0; y < heightPx; y++) {
          for (let x = 0; x < widthPx; x++) {
            const sum = [0, 0, 0];
            for (let j = 0; j < s; j++) for (let i = 0; i < s; i++) {
              const v = target.value[(y * s + j) * W + x * s + i];
              sum[0] += v >> 16;
              sum[1] += (v >> 8) & 255;
              sum[2] += v & 255;
            }
            // bottom-up target row y -> top-down output row
            rgb.set(sum.map((c) => Math.round(c / (s * s))), ((heightPx - 1 - y) * widthPx + x) * 3);
          }
        }
        if (encoding === 0) return rgb.buffer;
        if (encoding === 1) return encodePng(rgb, widthPx, heightPx).buffer as ArrayBuffer;
        throw new Error('fake Unity: no JPEG encoder (use png or raw frames in tests)');
      },
    },
    IdPass: {
      Tag(person: GameObject, personId: number): void {
        use('IdPass.Tag');
        const visit = (t: Transform): void => {
          for (const c of t.gameObject.components) if (c instanceof Renderer) c.personId = personId;
          t.children.forEach(visit);
        };
        visit(person.transform);
      },
      Render(camera: Camera, widthPx: number, heightPx: number): ArrayBuffer {
        use('IdPass.Render');
        records.idRenders++;
        return idImage(camera, widthPx, heightPx, () => true);
      },
      RenderAlone(camera: Camera, person: GameObject, widthPx: number, heightPx: number): ArrayBuffer {
        use('IdPass.RenderAlone');
        records.aloneRenders++;
        const inside = (r: Renderer): boolean => {
          for (let t: Transform | null = r.transform; t; t = t.parent) if (t === person.transform) return true;
          return false;
        };
        return idImage(camera, widthPx, heightPx, inside);
      },
    },
    Rig: {
      FindBones(root: Transform, names: string): CSharpArray<Transform | null> {
        use('Rig.FindBones');
        const byName = new Map<string, Transform>();
        const stack = [root];
        while (stack.length) {
          const t = stack.pop()!;
          if (!byName.has(t.gameObject.name)) byName.set(t.gameObject.name, t);
          for (let i = t.children.length - 1; i >= 0; i--) stack.push(t.children[i]);
        }
        return new CSharpArray(names.split('\n').map((n) => byName.get(n) ?? null));
      },
      SetLocalRotations(bones: CSharpArray<Transform | null>, quaternions: ArrayBuffer | ArrayBufferView): void {
        use('Rig.SetLocalRotations');
        const bytes = bytesIn(quaternions);
        const q = new Float32Array(bytes.buffer, 0, bytes.byteLength / 4);
        bones.items.forEach((bone, i) => {
          if (bone && i * 4 + 3 < q.length) bone.localRotation = new Quaternion(q[i * 4], q[i * 4 + 1], q[i * 4 + 2], q[i * 4 + 3]);
        });
        let top: Transform | null = bones.items.find((b) => b) ?? null;
        while (top?.parent) top = top.parent;
        records.rotations.push({ person: top?.gameObject.name ?? '', quaternions: Array.from(q) });
      },
      WorldMatrices(bones: CSharpArray<Transform | null>): ArrayBuffer {
        use('Rig.WorldMatrices');
        const out = new Float32Array(bones.Length * 16);
        bones.items.forEach((bone, i) => {
          if (bone) out.set(bone.localToWorld, i * 16);
        });
        return out.buffer;
      },
    },
    AssetFiles: {
      Confine(path: string, roots: string): string | null {
        use('AssetFiles.Confine');
        const full = normalizePath(path);
        if (!roots) return full;
        return roots.split('\n').some((root) => root && full.startsWith(`${normalizePath(root)}/`)) ? full : null;
      },
      Read(path: string): ArrayBuffer {
        use('AssetFiles.Read');
        const bytes = host.readFile(path);
        if (!bytes) throw new Error(`FileNotFoundException: Could not find file "${path}"`);
        return bytesIn(bytes).buffer as ArrayBuffer;
      },
      DecodeImage(bytes: ArrayBuffer | ArrayBufferView, _repeat: boolean): Texture2D | null {
        use('AssetFiles.DecodeImage');
        const b = bytesIn(bytes);
        const png = b[0] === 0x89 && b[1] === 0x50, jpeg = b[0] === 0xff && b[1] === 0xd8;
        return png || jpeg ? new Texture2D() : null;
      },
    },
    GltfLoading: {
      Create(): GltfImport {
        use('GltfLoading.Create');
        return new GltfImport();
      },
      Load(gltf: GltfImport, glb: ArrayBuffer | ArrayBufferView): Task<boolean> {
        use('GltfLoading.Load');
        const bytes = bytesIn(glb);
        return new Task(() => {
          try {
            gltf.data = parseFakeGltf(bytes);
            return true;
          } catch (error) {
            host.log('error', `fake glTFast: ${error instanceof Error ? error.message : String(error)}`);
            return false;
          }
        });
      },
      Instantiate(gltf: GltfImport, parent: Transform): Task<boolean> {
        use('GltfLoading.Instantiate');
        return new Task(() => {
          if (!gltf.data || gltf.disposed) return false;
          // GltfLoading.cs: the main scene, else the first scene (InstantiateMainSceneAsync alone would add nothing).
          const roots = gltf.data.scene ?? gltf.data.scenes[0];
          if (roots) instantiate(gltf.data, roots, parent);
          return true;
        });
      },
    },
  };

  // `new GameObject(...)` parented later through transform.setParent; the instantiated root's parent is set by Instantiate.
  const puer = {
    $typeof: (type: unknown) => type,
    $promise: (task: Task<unknown>) => task.promise,
  };
  return {
    CS: { UnityEngine, ClonedPerson, GLTFast: { GltfImport } },
    puer,
    records,
    socket: {
      opened: () => {
        if (socket) socket.state = 1;
      },
      deliver: (text) => socket?.incoming.push(text),
      closed: (code, reason, failure) => {
        if (!socket) return;
        socket.state = 2;
        socket.closeCode = code;
        socket.closeReason = reason;
        socket.failure = failure;
      },
    },
    frame() {
      world.frame++;
      for (const run of world.pending.splice(0)) run();
    },
  };
}
