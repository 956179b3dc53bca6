/**
 * Scene lighting: the sun's position from a time of day (solar declination and hour angle, as in
 * the NOAA/Spencer approximations, accurate to about a degree), and daylight that follows the
 * sun's elevation: the sun reddens and dims through more air near the horizon (Kasten-Young air
 * mass, per-channel extinction), the sky's ambient grows with the sun, the ground's ambient is
 * what the lit ground reflects. All colours are linear multipliers (the renderer shades in linear
 * light). Explicit colours in the spec win over the derived ones.
 */
import type { RgbUnit } from '../imaging/colour.js';

export interface TimeOfDay {
  /** Local solar time in hours, 0..24 (12 = the sun due south in the northern hemisphere). */
  hour: number;
  /** Latitude in degrees, -90..90 (north positive). */
  latitudeDeg: number;
  /** Day of the year, 1..366 (172 = 21 June). */
  dayOfYear: number;
  /** Compass heading of the scene's +Z axis in degrees (0 = +Z points north, 90 = east). */
  zAxisHeadingDeg: number;
}

export interface SunPosition {
  /** Scene direction the sun shines FROM: 0 = +Z, 90 = +X (the spec's `sun.azimuthDeg`). */
  azimuthDeg: number;
  /** Above the horizon; negative at night. */
  elevationDeg: number;
}

export interface SceneLightingInput {
  ambient?: RgbUnit;
  groundAmbient?: RgbUnit;
  sun: { azimuthDeg?: number; elevationDeg?: number; color?: RgbUnit };
  timeOfDay?: TimeOfDay;
}

export interface ResolvedLighting {
  /** Sky ambient, linear. */
  ambient: RgbUnit;
  /** Ground ambient, linear. */
  groundAmbient: RgbUnit;
  azimuthDeg: number;
  elevationDeg: number;
  /** Sun colour, linear (black below the horizon). */
  sunColor: RgbUnit;
}

export const LIGHTING_DEFAULTS = {
  /** Noon-like daylight when neither colours nor a time of day are given. */
  ambient: [0.27, 0.29, 0.33] as RgbUnit,
  sunColor: [0.95, 0.92, 0.85] as RgbUnit,
  azimuthDeg: 135,
  elevationDeg: 50,
  /** The ground reflects this share of the sky's ambient back up when no ground ambient is given. */
  groundShare: 0.4,
  timeOfDay: { latitudeDeg: 45, dayOfYear: 172, zAxisHeadingDeg: 0 },
};

const DEG = Math.PI / 180;

/** The sun's position in the scene at a time of day. */
export function sunPosition(time: TimeOfDay): SunPosition {
  const declination = 23.44 * DEG * Math.sin(((2 * Math.PI) / 365) * (time.dayOfYear - 81));
  const hourAngle = 15 * DEG * (time.hour - 12);
  const latitude = time.latitudeDeg * DEG;
  const sinElevation = Math.sin(latitude) * Math.sin(declination) + Math.cos(latitude) * Math.cos(declination) * Math.cos(hourAngle);
  const elevation = Math.asin(Math.max(-1, Math.min(1, sinElevation)));
  // Compass azimuth (0 = north, 90 = east) of the sun.
  const compass = Math.atan2(Math.sin(hourAngle), Math.cos(hourAngle) * Math.sin(latitude) - Math.tan(declination) * Math.cos(latitude)) / DEG + 180;
  let azimuth = (compass - time.zAxisHeadingDeg) % 360;
  if (azimuth > 180) azimuth -= 360;
  if (azimuth <= -180) azimuth += 360;
  return { azimuthDeg: azimuth, elevationDeg: elevation / DEG };
}

/** Relative air mass towards the sun (Kasten and Young 1989); Infinity below the horizon. */
export function airMass(elevationDeg: number): number {
  if (elevationDeg <= -0.5) return Infinity;
  const e = Math.max(0, elevationDeg);
  return 1 / (Math.sin(e * DEG) + 0.50572 * (e + 6.07995) ** -1.6364);
}

/** Optical depth per channel (red, green, blue) of a clear atmosphere for the direct sun. */
const EXTINCTION: RgbUnit = [0.09, 0.16, 0.3];
const SUN_AT_ZENITH: RgbUnit = [1.05, 1.0, 0.95];

/** Daylight colours at a sun elevation: sun, sky ambient and ground ambient (linear). */
export function daylight(elevationDeg: number): { sunColor: RgbUnit; ambient: RgbUnit; groundAmbient: RgbUnit } {
  const m = airMass(elevationDeg);
  const up = Math.max(0, Math.sin(elevationDeg * DEG));
  const sunColor = SUN_AT_ZENITH.map((c, k) => (Number.isFinite(m) ? c * Math.exp(-EXTINCTION[k] * (m - 1)) : 0)) as RgbUnit;
  // Sky light: strong with a high sun, bluish; a little twilight remains just below the horizon.
  const sky = 0.06 + 0.3 * Math.sqrt(up);
  const ambient: RgbUnit = [sky * 0.82, sky * 0.9, sky * 1.08];
  const groundAmbient = ambient.map((a, k) => LIGHTING_DEFAULTS.groundShare * (a + 0.35 * sunColor[k] * up)) as RgbUnit;
  return { sunColor, ambient, groundAmbient };
}

/** The lighting a spec describes: given values first, then the time of day, then the defaults. */
export function resolveLighting(lighting: SceneLightingInput): ResolvedLighting {
  const time = lighting.timeOfDay;
  const position = time ? sunPosition(time) : { azimuthDeg: lighting.sun.azimuthDeg ?? LIGHTING_DEFAULTS.azimuthDeg, elevationDeg: lighting.sun.elevationDeg ?? LIGHTING_DEFAULTS.elevationDeg };
  const derived = time ? daylight(position.elevationDeg) : { sunColor: LIGHTING_DEFAULTS.sunColor, ambient: LIGHTING_DEFAULTS.ambient, groundAmbient: undefined };
  const ambient = lighting.ambient ?? derived.ambient;
  return {
    ambient,
    groundAmbient: lighting.groundAmbient ?? derived.groundAmbient ?? (ambient.map((a) => a * LIGHTING_DEFAULTS.groundShare) as RgbUnit),
    azimuthDeg: position.azimuthDeg,
    elevationDeg: position.elevationDeg,
    sunColor: position.elevationDeg > 0 ? (lighting.sun.color ?? derived.sunColor) : [0, 0, 0],
  };
}

/** The sun's travel direction from its azimuth (the direction it shines from) and elevation, degrees. */
export function sunDirection(azimuthDeg: number, elevationDeg: number): [number, number, number] {
  const az = azimuthDeg * DEG;
  const el = elevationDeg * DEG;
  return [-Math.sin(az) * Math.cos(el), -Math.sin(el), -Math.cos(az) * Math.cos(el)];
}
