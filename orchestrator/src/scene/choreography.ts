/**
 * Choreography: from a scene spec, its seed and the characters available, the state of every
 * person in every step (position, heading, walk phase, speed). Pure and deterministic: the same
 * inputs give the same states on every machine; players only apply them.
 *
 * Model: people enter at a walkway end (keeping right on two-way walkways), follow it at their
 * own preferred speed, slow down behind slower people, and leave at the other end. Updates are
 * sequential in entry order and a move is only taken when it keeps at least `crowd.minGapM` to
 * everyone (else a veer, a shorter step, or standing still), so nobody ever walks through anybody.
 * Someone blocked for `maxBlockedS` leaves the scene (counted in the stats). Each character is on
 * stage at most once at a time, so the crowd is at most as large as the cast. The simulation starts
 * `warmupS` before step 0 so the first frame already shows a settled crowd.
 */
import { createRandom, deriveSeed } from '../shared/random.js';
import type { Random } from '../shared/random.js';
import { invalidArgument } from '../shared/check.js';
import { sceneStepCount } from './scene-spec.js';
import type { SceneSpec, Walkway } from './scene-spec.js';

export interface PersonState {
  /** Instance id, 1..65535, unique among the people present. */
  personId: number;
  /** The character (identity) this person shows. */
  characterId: string;
  /** Ground point between the feet, world metres (y = 0). */
  positionM: [number, number, number];
  /** 0 = facing +Z, 90 = facing +X; in (-180, 180]. */
  headingDeg: number;
  /** Walk-cycle phase in [0, 1). */
  walkPhase: number;
  /** Current speed in m/s. */
  speedMps: number;
}

export interface FrameState {
  step: number;
  timeS: number;
  persons: PersonState[];
}

export interface ChoreographyStats {
  entered: number;
  left: number;
  /** People who left early because they stayed blocked too long. */
  gaveUp: number;
  /** Smallest distance between two people in any recorded step (Infinity with < 2 people). */
  minDistanceM: number;
}

export interface Choreography {
  fps: number;
  frames: FrameState[];
  stats: ChoreographyStats;
}

export interface ChoreographyOptions {
  /** Steps to compute (default: durationS * fps). */
  steps?: number;
  /** Simulated time before step 0 (default: the longest walkway at the slowest speed, at most 120 s). */
  warmupS?: number;
  /** Blocked this long, a person leaves (default 8 s). */
  maxBlockedS?: number;
}

export const CHOREOGRAPHY_DEFAULTS = { maxBlockedS: 8, maxWarmupS: 120, headwayS: 0.6, turnRateDegPerS: 270, lookAheadM: 1.2 };

interface Track {
  points: [number, number][];
  /** Cumulative length at each point. */
  cumulative: number[];
  lengthM: number;
}

interface Lane {
  walkway: Walkway;
  track: Track;
  direction: 1 | -1;
}

interface Agent {
  personId: number;
  characterId: string;
  lane: Lane;
  /** Distance travelled along the track, metres. */
  s: number;
  /** Offset to the right of the track, metres. */
  lateralM: number;
  x: number;
  z: number;
  headingRad: number;
  phase: number;
  preferredSpeed: number;
  strideM: number;
  speed: number;
  blockedS: number;
  done: boolean;
}

function makeTrack(points: [number, number][]): Track {
  const cumulative = [0];
  for (let i = 1; i < points.length; i++) {
    cumulative.push(cumulative[i - 1] + Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]));
  }
  return { points, cumulative, lengthM: cumulative[cumulative.length - 1] };
}

/** Point and unit tangent at arc length `s` (clamped to the track). */
function sampleTrack(track: Track, s: number): { x: number; z: number; tx: number; tz: number } {
  const { points, cumulative } = track;
  const clamped = Math.min(Math.max(s, 0), track.lengthM);
  let i = 1;
  while (i < points.length - 1 && cumulative[i] < clamped) i++;
  const [x0, z0] = points[i - 1];
  const [x1, z1] = points[i];
  const len = cumulative[i] - cumulative[i - 1];
  const t = len > 0 ? (clamped - cumulative[i - 1]) / len : 0;
  return { x: x0 + (x1 - x0) * t, z: z0 + (z1 - z0) * t, tx: (x1 - x0) / len, tz: (z1 - z0) / len };
}

/** Where an agent aims: on its lane, `ahead` metres further, offset to its right. */
function lanePoint(lane: Lane, s: number, lateralM: number): { x: number; z: number; tx: number; tz: number } {
  const p = sampleTrack(lane.track, s);
  // Right of the walking direction (x, z) = (-tz, tx) with +Y up.
  return { x: p.x - p.tz * lateralM, z: p.z + p.tx * lateralM, tx: p.tx, tz: p.tz };
}

function wrapAngle(rad: number): number {
  let a = rad % (2 * Math.PI);
  if (a <= -Math.PI) a += 2 * Math.PI;
  if (a > Math.PI) a -= 2 * Math.PI;
  return a;
}

/**
 * Computes the per-step states of the scene's crowd. `characterIds` are the identities to
 * cast (each entry takes the least recently used one not already present). Throws E_ARGUMENT
 * when people are wanted but no characters are given.
 */
export function computeChoreography(spec: SceneSpec, characterIds: readonly string[], options: ChoreographyOptions = {}): Choreography {
  const steps = options.steps ?? sceneStepCount(spec);
  if (!Number.isInteger(steps) || steps < 1) throw invalidArgument('positive integer', 'steps', steps);
  if (spec.crowd.count > 0 && characterIds.length === 0) throw invalidArgument('at least one character id', 'characterIds', characterIds);
  const fps = spec.fps;
  const dt = 1 / fps;
  const maxBlockedS = options.maxBlockedS ?? CHOREOGRAPHY_DEFAULTS.maxBlockedS;
  const { minGapM, speedMps, entryIntervalS } = spec.crowd;
  // One identity appears at most once at a time: never more people than characters.
  const count = Math.min(spec.crowd.count, characterIds.length);
  const lanes: Lane[] = [];
  const laneWeights: number[] = [];
  for (const walkway of spec.walkways) {
    const forward = makeTrack(walkway.points);
    lanes.push({ walkway, track: forward, direction: 1 });
    if (walkway.bidirectional) {
      lanes.push({ walkway, track: makeTrack([...walkway.points].reverse()), direction: -1 });
      laneWeights.push(walkway.weight / 2, walkway.weight / 2);
    } else laneWeights.push(walkway.weight);
  }
  const longest = Math.max(...lanes.map((l) => l.track.lengthM));
  const warmupS = options.warmupS ?? Math.min(CHOREOGRAPHY_DEFAULTS.maxWarmupS, longest / speedMps[0]);
  const warmupSteps = Math.round(warmupS * fps);
  const random = createRandom(deriveSeed(spec.seed, 'choreography'));

  // Casting order: a seeded shuffle, then least recently used first.
  const cast = [...characterIds];
  for (let i = cast.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [cast[i], cast[j]] = [cast[j], cast[i]];
  }
  const lastUsed = new Map<string, number>(cast.map((id, i) => [id, -cast.length + i]));

  const agents: Agent[] = [];
  const stats: ChoreographyStats = { entered: 0, left: 0, gaveUp: 0, minDistanceM: Infinity };
  let nextPersonId = 1;
  let nextEntryS = -warmupS;
  const frames: FrameState[] = [];

  const clearOf = (x: number, z: number, self: Agent | null, margin: number): boolean => {
    const limit = (minGapM + margin) * (minGapM + margin);
    for (const other of agents) {
      if (other === self || other.done) continue;
      const dx = other.x - x, dz = other.z - z;
      if (dx * dx + dz * dz < limit) return false;
    }
    return true;
  };

  const pickLane = (rng: Random): Lane => {
    const total = laneWeights.reduce((a, b) => a + b, 0);
    let u = rng.next() * total;
    for (let i = 0; i < lanes.length; i++) {
      u -= laneWeights[i];
      if (u < 0) return lanes[i];
    }
    return lanes[lanes.length - 1];
  };

  const usedIds = (): Set<number> => new Set(agents.map((a) => a.personId));

  const tryEnter = (timeS: number, stepIndex: number): void => {
    const active = agents.length;
    if (active >= count || timeS + 1e-9 < nextEntryS) return;
    for (let attempt = 0; attempt < 4; attempt++) {
      const lane = pickLane(random);
      const half = lane.walkway.widthM / 2;
      const edge = Math.max(0, half - 0.3);
      const lateralM = lane.walkway.bidirectional
        ? Math.min(edge, minGapM / 2) + random.next() * Math.max(0, edge - minGapM / 2)
        : (random.next() * 2 - 1) * edge;
      const start = lanePoint(lane, 0, lateralM);
      if (!clearOf(start.x, start.z, null, 0.1)) continue;
      const present = new Set(agents.map((a) => a.characterId));
      let chosen = cast[0];
      let best = Infinity;
      for (const id of cast) {
        const used = lastUsed.get(id)!;
        const penalty = present.has(id) ? 1e12 : 0;
        if (used + penalty < best) {
          best = used + penalty;
          chosen = id;
        }
      }
      lastUsed.set(chosen, stepIndex);
      const taken = usedIds();
      while (taken.has(nextPersonId)) nextPersonId = (nextPersonId % 65535) + 1;
      const preferredSpeed = speedMps[0] + random.next() * (speedMps[1] - speedMps[0]);
      agents.push({
        personId: nextPersonId,
        characterId: chosen,
        lane,
        s: 0,
        lateralM,
        x: start.x,
        z: start.z,
        headingRad: Math.atan2(start.tx, start.tz),
        phase: random.next(),
        preferredSpeed,
        strideM: 0.6 + 0.65 * preferredSpeed,
        speed: 0,
        blockedS: 0,
        done: false,
      });
      nextPersonId = (nextPersonId % 65535) + 1;
      stats.entered++;
      nextEntryS = timeS + entryIntervalS * (0.5 + random.next());
      return;
    }
  };

  const VEERS = [0, 0.45, -0.45, 0.9, -0.9];
  const advance = (agent: Agent): void => {
    const lane = agent.lane;
    const target = lanePoint(lane, agent.s + CHOREOGRAPHY_DEFAULTS.lookAheadM, agent.lateralM);
    let dx = target.x - agent.x, dz = target.z - agent.z;
    const len = Math.hypot(dx, dz) || 1;
    dx /= len;
    dz /= len;
    // Slow down behind whoever is ahead within a body width.
    let speed = agent.preferredSpeed;
    for (const other of agents) {
      if (other === agent || other.done) continue;
      const rx = other.x - agent.x, rz = other.z - agent.z;
      const along = rx * dx + rz * dz;
      const across = Math.abs(rx * dz - rz * dx);
      if (along > 0 && across < minGapM) speed = Math.min(speed, Math.max(0, (along - minGapM) / CHOREOGRAPHY_DEFAULTS.headwayS));
    }
    const stepM = speed * dt;
    let moved = false;
    if (stepM > 1e-6) {
      outer: for (const fraction of [1, 0.5]) {
        for (const veer of VEERS) {
          const c = Math.cos(veer), sn = Math.sin(veer);
          const mx = (dx * c - dz * sn) * stepM * fraction;
          const mz = (dx * sn + dz * c) * stepM * fraction;
          const nx = agent.x + mx, nz = agent.z + mz;
          if (clearOf(nx, nz, agent, 0)) {
            const tangent = sampleTrack(lane.track, agent.s);
            agent.s += Math.max(0, mx * tangent.tx + mz * tangent.tz);
            agent.x = nx;
            agent.z = nz;
            agent.speed = Math.hypot(mx, mz) / dt;
            agent.phase = (agent.phase + Math.hypot(mx, mz) / agent.strideM) % 1;
            const desired = Math.atan2(mx, mz);
            const maxTurn = ((CHOREOGRAPHY_DEFAULTS.turnRateDegPerS * Math.PI) / 180) * dt;
            const turn = wrapAngle(desired - agent.headingRad);
            agent.headingRad = wrapAngle(agent.headingRad + Math.max(-maxTurn, Math.min(maxTurn, turn)));
            moved = true;
            break outer;
          }
        }
      }
    }
    if (!moved) {
      agent.speed = 0;
      // Standing behind a slower person is fine; being unable to move at all while wanting to is blocking.
      if (speed > 0.05) agent.blockedS += dt;
    } else agent.blockedS = 0;
    if (agent.s >= lane.track.lengthM - 0.05) {
      agent.done = true;
      stats.left++;
    } else if (agent.blockedS > maxBlockedS) {
      agent.done = true;
      stats.left++;
      stats.gaveUp++;
    }
  };

  for (let k = -warmupSteps; k < steps; k++) {
    const timeS = k * dt;
    for (const agent of agents) advance(agent);
    for (let i = agents.length - 1; i >= 0; i--) if (agents[i].done) agents.splice(i, 1);
    tryEnter(timeS, k);
    if (k < 0) continue;
    const persons: PersonState[] = agents
      .map((a) => ({
        personId: a.personId,
        characterId: a.characterId,
        positionM: [a.x, 0, a.z] as [number, number, number],
        headingDeg: (wrapAngle(a.headingRad) * 180) / Math.PI,
        walkPhase: a.phase >= 1 ? 0 : a.phase,
        speedMps: a.speed,
      }))
      .sort((a, b) => a.personId - b.personId);
    for (let i = 0; i < persons.length; i++) {
      for (let j = i + 1; j < persons.length; j++) {
        const d2 = (persons[i].positionM[0] - persons[j].positionM[0]) ** 2 + (persons[i].positionM[2] - persons[j].positionM[2]) ** 2;
        if (d2 < stats.minDistanceM ** 2) stats.minDistanceM = Math.sqrt(d2);
      }
    }
    frames.push({ step: k, timeS, persons });
  }
  return { fps, frames, stats };
}

/** Whether camera `cameraFps` renders at `step` of a scene at `sceneFps` (every sceneFps/cameraFps steps). */
export function cameraRendersAt(step: number, sceneFps: number, cameraFps: number | undefined): boolean {
  const every = cameraFps ? Math.round(sceneFps / cameraFps) : 1;
  return step % every === 0;
}
