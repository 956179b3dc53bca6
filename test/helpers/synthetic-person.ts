/**
 * A drawn person with known keypoints, mask and garments, for the detect stage's tests: a
 * standing figure of simple shapes (head, torso, capsule limbs) in flat colours, wearing a top
 * (no, short or long sleeves) and trousers, shorts or a skirt, or a dress, on a plain
 * background. The keypoints are the figure's own joints, the mask its exact silhouette, and
 * the garment masks say which pixels each garment covers, so estimates can be scored exactly.
 */
import type { Keypoint } from '../../orchestrator/src/detect/coco-keypoints.js';
import type { PersonMaskGrid } from '../../orchestrator/src/detect/person-silhouette.js';
import type { Point2 } from '../../orchestrator/src/geometry/point.js';
import { createRawImage } from '../../orchestrator/src/imaging/raw-image.js';
import type { RawImage } from '../../orchestrator/src/imaging/raw-image.js';

type Rgb = readonly [number, number, number];

export interface SyntheticPersonSpec {
  /** Centre x and top y of the figure, and its height, pixels. */
  centreX: number;
  topY: number;
  heightPx: number;
  sleeves: 'none' | 'short' | 'long';
  /** `dress`: the top's colour continues into a skirt. */
  bottom: 'trousers' | 'shorts' | 'skirt' | 'dress';
  legsApart?: boolean;
  /** Facing away: left and right swap sides and the face is hidden. */
  back?: boolean;
  skin?: Rgb;
  topColour?: Rgb;
  bottomColour?: Rgb;
  hair?: Rgb;
}

export interface SyntheticPerson {
  spec: SyntheticPersonSpec;
  box: [number, number, number, number];
  keypoints: Keypoint[];
  /** Which photo pixels (row-major, photo size) each garment covers. */
  topPixels: Uint8Array;
  bottomPixels: Uint8Array;
}

export interface SyntheticPhoto {
  photo: RawImage;
  people: SyntheticPerson[];
  /** Each person's exact silhouette as a mask grid over its box. */
  masks: PersonMaskGrid[];
}

const DEFAULTS = { skin: [224, 172, 140] as Rgb, topColour: [40, 70, 170] as Rgb, bottomColour: [60, 60, 60] as Rgb, hair: [50, 30, 20] as Rgb };
const BACKGROUND: Rgb = [200, 210, 190];
const SHOES: Rgb = [20, 20, 20];

function segmentDistance(p: Point2, a: Point2, b: Point2): { d: number; t: number } {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
  const ex = p[0] - a[0] - t * dx;
  const ey = p[1] - a[1] - t * dy;
  return { d: Math.sqrt(ex * ex + ey * ey), t };
}

function insideQuad(p: Point2, q: readonly Point2[]): boolean {
  let inside = false;
  for (let i = 0, j = q.length - 1; i < q.length; j = i++) {
    if (q[i][1] > p[1] !== q[j][1] > p[1] && p[0] < ((q[j][0] - q[i][0]) * (p[1] - q[i][1])) / (q[j][1] - q[i][1]) + q[i][0]) inside = !inside;
  }
  return inside;
}

type Paint = 'skin' | 'top' | 'bottom' | 'hair' | 'shoes';

/** The joints of a figure (see the spec), image pixels; left and right are the subject's. */
function joints(spec: SyntheticPersonSpec): Record<string, Point2> {
  const h = spec.heightPx;
  const cx = spec.centreX;
  const y = (share: number): number => spec.topY + share * h;
  // the subject's left is on the image's right when facing the camera
  const s = spec.back ? -1 : 1;
  const legOut = spec.legsApart ? 2.2 : 1;
  return {
    head: [cx, y(0.07)],
    nose: [cx, y(0.085)],
    leftEye: [cx + s * 0.022 * h, y(0.068)],
    rightEye: [cx - s * 0.022 * h, y(0.068)],
    leftEar: [cx + s * 0.045 * h, y(0.072)],
    rightEar: [cx - s * 0.045 * h, y(0.072)],
    leftShoulder: [cx + s * 0.11 * h, y(0.19)],
    rightShoulder: [cx - s * 0.11 * h, y(0.19)],
    leftElbow: [cx + s * 0.15 * h, y(0.34)],
    rightElbow: [cx - s * 0.15 * h, y(0.34)],
    leftWrist: [cx + s * 0.17 * h, y(0.48)],
    rightWrist: [cx - s * 0.17 * h, y(0.48)],
    leftHip: [cx + s * 0.06 * h, y(0.52)],
    rightHip: [cx - s * 0.06 * h, y(0.52)],
    leftKnee: [cx + s * 0.055 * legOut * h, y(0.73)],
    rightKnee: [cx - s * 0.055 * legOut * h, y(0.73)],
    leftAnkle: [cx + s * 0.06 * legOut * h, y(0.94)],
    rightAnkle: [cx - s * 0.06 * legOut * h, y(0.94)],
  };
}

const ORDER = ['nose', 'leftEye', 'rightEye', 'leftEar', 'rightEar', 'leftShoulder', 'rightShoulder', 'leftElbow', 'rightElbow', 'leftWrist', 'rightWrist', 'leftHip', 'rightHip', 'leftKnee', 'rightKnee', 'leftAnkle', 'rightAnkle'];

interface Figure {
  spec: SyntheticPersonSpec;
  j: Record<string, Point2>;
  torso: Point2[];
  skirt?: Point2[];
  topHemY: number;
  sleeveEnd: number;
  legEndZ: number;
  arms: [Point2, Point2, Point2][];
  legs: [Point2, Point2, Point2][];
}

function figure(spec: SyntheticPersonSpec): Figure {
  const h = spec.heightPx;
  const j = joints(spec);
  const shoulderY = j.leftShoulder[1];
  const hipY = j.leftHip[1];
  // a sleeveless top's armholes start at the shoulder joints
  const shoulderHalf = spec.sleeves === 'none' ? 0.1 : 0.13;
  const torso: Point2[] = [
    [spec.centreX - shoulderHalf * h, shoulderY - 0.01 * h],
    [spec.centreX + shoulderHalf * h, shoulderY - 0.01 * h],
    [spec.centreX + 0.115 * h, hipY + 0.01 * h],
    [spec.centreX - 0.115 * h, hipY + 0.01 * h],
  ];
  // a skirt (or the dress's skirt): a trapezoid from the hips to 80% of the way to the knees
  const skirtHemY = hipY + 0.8 * (j.leftKnee[1] - hipY);
  const skirt: Point2[] | undefined =
    spec.bottom === 'skirt' || spec.bottom === 'dress'
      ? [[spec.centreX - 0.115 * h, hipY], [spec.centreX + 0.115 * h, hipY], [spec.centreX + 0.15 * h, skirtHemY], [spec.centreX - 0.15 * h, skirtHemY]]
      : undefined;
  return {
    spec,
    j,
    torso,
    ...(skirt ? { skirt } : {}),
    topHemY: hipY - 0.02 * h,
    // where the sleeve ends on the arm (0 shoulder, 1 elbow, 2 wrist) and the bottom on the leg (1 hip, 2 knee, 3 ankle)
    sleeveEnd: spec.sleeves === 'none' ? -1 : spec.sleeves === 'short' ? 0.6 : 1.9,
    legEndZ: spec.bottom === 'trousers' ? 2.97 : spec.bottom === 'shorts' ? 1.5 : 1,
    arms: (['left', 'right'] as const).map((side) => [j[`${side}Shoulder`], j[`${side}Elbow`], j[`${side}Wrist`]] as [Point2, Point2, Point2]),
    legs: (['left', 'right'] as const).map((side) => [j[`${side}Hip`], j[`${side}Knee`], j[`${side}Ankle`]] as [Point2, Point2, Point2]),
  };
}

/** What the figure paints at p, or undefined for background. */
function paintAt(f: Figure, p: Point2): Paint | undefined {
  const { spec, j } = f;
  const h = spec.heightPx;
  const y = p[1];
  // rows rule out most shapes before any distance is computed
  if (y <= j.head[1] + 0.06 * h) {
    const dx = p[0] - j.head[0];
    const dy = y - j.head[1];
    if (dx * dx + dy * dy <= 0.0036 * h * h) return y < j.head[1] - 0.025 * h || spec.back ? 'hair' : 'skin';
  }
  if (y >= j.head[1] + 0.05 * h && y <= j.leftShoulder[1] && Math.abs(p[0] - spec.centreX) <= 0.035 * h) return 'skin';
  if (y >= f.torso[0][1] && y <= f.torso[2][1] && insideQuad(p, f.torso)) return y <= f.topHemY || spec.bottom === 'dress' ? 'top' : 'bottom';
  if (y >= j.leftShoulder[1] - 0.04 * h && y <= j.leftWrist[1] + 0.06 * h) for (const [shoulder, elbow, wrist] of f.arms) {
    const upper = segmentDistance(p, shoulder, elbow);
    if (upper.d <= 0.032 * h) return upper.t <= f.sleeveEnd ? 'top' : 'skin';
    const lower = segmentDistance(p, elbow, wrist);
    if (lower.d <= 0.026 * h) return 1 + lower.t <= f.sleeveEnd ? 'top' : 'skin';
    if (Math.hypot(p[0] - wrist[0], p[1] - wrist[1] - 0.03 * h) <= 0.028 * h) return 'skin';
  }
  if (f.skirt && y >= f.skirt[0][1] && y <= f.skirt[2][1] && insideQuad(p, f.skirt)) return spec.bottom === 'dress' ? 'top' : 'bottom';
  if (y >= j.leftHip[1] - 0.05 * h) for (const [hip, knee, ankle] of f.legs) {
    const thigh = segmentDistance(p, hip, knee);
    if (thigh.d <= 0.05 * h) return 1 + thigh.t <= f.legEndZ ? 'bottom' : 'skin';
    const shin = segmentDistance(p, knee, ankle);
    if (shin.d <= 0.035 * h) return 2 + shin.t <= f.legEndZ ? 'bottom' : 'skin';
    if (p[1] >= ankle[1] && p[1] <= ankle[1] + 0.04 * h && Math.abs(p[0] - ankle[0]) <= 0.035 * h) return 'shoes';
  }
  return undefined;
}

/** Draws people on a `widthPx` x `heightPx` photo (later people in front of earlier ones). */
export function drawSyntheticPhoto(widthPx: number, heightPx: number, specs: readonly SyntheticPersonSpec[]): SyntheticPhoto {
  const photo = createRawImage(widthPx, heightPx, 3);
  for (let i = 0; i < widthPx * heightPx; i++) photo.data.set(BACKGROUND, i * 3);
  const people: SyntheticPerson[] = [];
  const masks: PersonMaskGrid[] = [];
  for (const spec of specs) {
    const f = figure(spec);
    const { j } = f;
    const colours: Record<Paint, Rgb> = {
      skin: spec.skin ?? DEFAULTS.skin,
      top: spec.topColour ?? DEFAULTS.topColour,
      bottom: spec.bottomColour ?? DEFAULTS.bottomColour,
      hair: spec.hair ?? DEFAULTS.hair,
      shoes: SHOES,
    };
    const topPixels = new Uint8Array(widthPx * heightPx);
    const bottomPixels = new Uint8Array(widthPx * heightPx);
    const x0 = Math.max(0, Math.floor(spec.centreX - 0.22 * spec.heightPx));
    const x1 = Math.min(widthPx, Math.ceil(spec.centreX + 0.22 * spec.heightPx));
    const y0 = Math.max(0, Math.floor(spec.topY));
    const y1 = Math.min(heightPx, Math.ceil(spec.topY + spec.heightPx));
    const mask = new Float32Array((x1 - x0) * (y1 - y0));
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const paint = paintAt(f, [x + 0.5, y + 0.5]);
        if (!paint) continue;
        const i = y * widthPx + x;
        photo.data.set(colours[paint], i * 3);
        topPixels[i] = paint === 'top' ? 1 : 0;
        bottomPixels[i] = paint === 'bottom' ? 1 : 0;
        mask[(y - y0) * (x1 - x0) + (x - x0)] = 1;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x + 1);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y + 1);
      }
    }
    // a person in front hides the garments of those behind
    for (const earlier of people) {
      for (let i = 0; i < topPixels.length; i++) {
        if (topPixels[i] || bottomPixels[i]) {
          earlier.topPixels[i] = 0;
          earlier.bottomPixels[i] = 0;
        }
      }
    }
    const face = spec.back ? 0.05 : 0.9;
    const keypoints: Keypoint[] = ORDER.map((name, k) => [j[name][0], j[name][1], k < 5 ? face : 0.9]);
    people.push({ spec, box: [minX, minY, maxX, maxY], keypoints, topPixels, bottomPixels });
    masks.push({ box: [x0, y0, x1, y1], widthPx: x1 - x0, heightPx: y1 - y0, data: mask });
  }
  return { photo, people, masks };
}
