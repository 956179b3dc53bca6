/**
 * Choreography: from a scene spec, its seed and the characters available, the state of every
 * person in every step (position, heading, walk phase, speed). Pure and deterministic: the same
 * inputs give the same states on every machine; players only apply them.
 *
 * Model: people enter at a walkway end (keeping right on two-way walkways), follow it at their
 * own preferred speed, slow down behind slower people, and leave at the other end. Updates are
 * sequential in entry order and a move is only taken when it keeps at least `crowd.minGapM` to
 * everyone and keeps the body out of the props' footprints (obstacle-map.ts; else a veer, a
 * shorter step, or standing still), so nobody ever walks through anybody or anything. Someone
 * blocked for `maxBlockedS` leaves the scene (counted in the stats). Each character is on stage
 * at most once at a time, so the crowd is at most as large as the cast. The simulation starts
 * `warmupS` before step 0 so the first frame already shows a settled crowd. The walk phase
 * advances by distance / the person's cycle length at their speed (pose/walk-pose.ts
 * `walkCycleLengthM`, passed in by the render stage per character), so planted feet stay put.
 */
import { createRandom, deriveSeed } from '../shared/random.js';
import type { Random } from '../shared/random.js';
import { invalidArgument } from '../shared/check.js';
import { isBlocked } from './obstacle-map.js';
import type { ObstacleMap } from './obstacle-map.js';
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

/** Distance one walk cycle covers for a character at a speed, metres. */
export type CycleLength = (characterId: string, speedMps: number) => number;

export interface ChoreographyOptions {
  /** Steps to compute (default: durationS * fps). */
  steps?: number;
  /** Simulated time before step 0 (default: the longest walkway at the slowest speed, at most 120 s). */
  warmupS?: number;
  /** Blocked this long, a person leaves (default 8 s). */
  maxBlockedS?: number;
  /** Where people cannot walk (the props' footprints); none by default. */
  obstacles?: ObstacleMap | null;
  /** Walk cycle length per character and speed (default: {@link genericCycleLengthM}). */
  cycleLengthM?: CycleLength;
}

export const CHOREOGRAPHY_DEFAULTS = { maxBlockedS: 8, maxWarmupS: 120, headwayS: 0.6, turnRateDegPerS: 270, lookAheadM: 1.2 };

/** A generic adult's walk cycle (two steps) at `speedMps`: 0.6 + 0.65 v metres. */
export function genericCycleLengthM(_characterId: string, speedMps: number): number {
  return 0.6 + 0.65 * speedMps;
}

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
  weight: number;
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

/** Where an agent aims: on its lane at arc length `s`, offset to its right. */
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

/** The lanes of the walkways: each walkway forward, and backward when it is two-way (half the weight each). */
function buildLanes(walkways: readonly Walkway[]): Lane[] {
  return walkways.flatMap((walkway): Lane[] =>
    walkway.bidirectional
      ? [
          { walkway, track: makeTrack(walkway.points), direction: 1, weight: walkway.weight / 2 },
          { walkway, track: makeTrack([...walkway.points].reverse()), direction: -1, weight: walkway.weight / 2 },
        ]
      : [{ walkway, track: makeTrack(walkway.points), direction: 1, weight: walkway.weight }],
  );
}

const VEERS = [0, 0.45, -0.45, 0.9, -0.9, 1.35, -1.35];

/** The crowd simulation of one scene; {@link computeChoreography} drives it. */
class CrowdSimulation {
  readonly agents: Agent[] = [];
  readonly stats: ChoreographyStats = { entered: 0, left: 0, gaveUp: 0, minDistanceM: Infinity };
  private readonly lanes: Lane[];
  private readonly random: Random;
  private readonly cast: string[];
  private readonly lastUsed: Map<string, number>;
  private nextPersonId = 1;
  private nextEntryS: number;
  private readonly dt: number;

  constructor(
    private readonly spec: SceneSpec,
    characterIds: readonly string[],
    private readonly capacity: number,
    warmupS: number,
    private readonly maxBlockedS: number,
    private readonly obstacles: ObstacleMap | null,
    private readonly cycleLengthM: CycleLength,
  ) {
    this.lanes = buildLanes(spec.walkways);
    this.random = createRandom(deriveSeed(spec.seed, 'choreography'));
    this.dt = 1 / spec.fps;
    this.nextEntryS = -warmupS;
    // Casting order: a seeded shuffle, then least recently used first.
    this.cast = [...characterIds];
    for (let i = this.cast.length - 1; i > 0; i--) {
      const j = this.random.int(i + 1);
      [this.cast[i], this.cast[j]] = [this.cast[j], this.cast[i]];
    }
    this.lastUsed = new Map(this.cast.map((id, i) => [id, -this.cast.length + i]));
  }

  /** Whether a body centred at (x, z) keeps `minGapM + margin` to everyone else and stays off the footprints. */
  private clearAt(x: number, z: number, self: Agent | null, margin: number): boolean {
    if (isBlocked(this.obstacles, x, z)) return false;
    const limit = (this.spec.crowd.minGapM + margin) ** 2;
    for (const other of this.agents) {
      if (other === self || other.done) continue;
      const dx = other.x - x, dz = other.z - z;
      if (dx * dx + dz * dz < limit) return false;
    }
    return true;
  }

  private pickLane(): Lane {
    const total = this.lanes.reduce((a, l) => a + l.weight, 0);
    let u = this.random.next() * total;
    for (const lane of this.lanes) {
      u -= lane.weight;
      if (u < 0) return lane;
    }
    return this.lanes[this.lanes.length - 1];
  }

  /** The least recently used character not on stage. */
  private chooseCharacter(stepIndex: number): string {
    const present = new Set(this.agents.map((a) => a.characterId));
    let chosen = this.cast[0];
    let best = Infinity;
    for (const id of this.cast) {
      const used = this.lastUsed.get(id)! + (present.has(id) ? 1e12 : 0);
      if (used < best) {
        best = used;
        chosen = id;
      }
    }
    this.lastUsed.set(chosen, stepIndex);
    return chosen;
  }

  private freePersonId(): number {
    const taken = new Set(this.agents.map((a) => a.personId));
    while (taken.has(this.nextPersonId)) this.nextPersonId = (this.nextPersonId % 65535) + 1;
    const id = this.nextPersonId;
    this.nextPersonId = (this.nextPersonId % 65535) + 1;
    return id;
  }

  /** Lets one person in at a free walkway end when the crowd is short and the entry interval has passed. */
  tryEnter(timeS: number, stepIndex: number): void {
    const { minGapM, speedMps, entryIntervalS } = this.spec.crowd;
    if (this.agents.length >= this.capacity || timeS + 1e-9 < this.nextEntryS) return;
    for (let attempt = 0; attempt < 4; attempt++) {
      const lane = this.pickLane();
      const edge = Math.max(0, lane.walkway.widthM / 2 - 0.3);
      const r = this.random.next();
      const lateralM = lane.walkway.bidirectional ? Math.min(edge, minGapM / 2) + r * Math.max(0, edge - minGapM / 2) : (r * 2 - 1) * edge;
      const start = lanePoint(lane, 0, lateralM);
      if (!this.clearAt(start.x, start.z, null, 0.1)) continue;
      const characterId = this.chooseCharacter(stepIndex);
      const personId = this.freePersonId();
      const preferredSpeed = speedMps[0] + this.random.next() * (speedMps[1] - speedMps[0]);
      this.agents.push({
        personId,
        characterId,
        lane,
        s: 0,
        lateralM,
        x: start.x,
        z: start.z,
        headingRad: Math.atan2(start.tx, start.tz),
        phase: this.random.next(),
        preferredSpeed,
        speed: 0,
        blockedS: 0,
        done: false,
      });
      this.stats.entered++;
      this.nextEntryS = timeS + entryIntervalS * (0.5 + this.random.next());
      return;
    }
  }

  /** The speed that keeps a headway behind whoever walks ahead within a body width. */
  private speedBehindOthers(agent: Agent, dx: number, dz: number): number {
    const minGapM = this.spec.crowd.minGapM;
    let speed = agent.preferredSpeed;
    for (const other of this.agents) {
      if (other === agent || other.done) continue;
      const rx = other.x - agent.x, rz = other.z - agent.z;
      const along = rx * dx + rz * dz;
      const across = Math.abs(rx * dz - rz * dx);
      if (along > 0 && across < minGapM) speed = Math.min(speed, Math.max(0, (along - minGapM) / CHOREOGRAPHY_DEFAULTS.headwayS));
    }
    return speed;
  }

  /** The first clear move towards (dx, dz): full or half step, straight or veering. */
  private findMove(agent: Agent, dx: number, dz: number, stepM: number): [number, number] | null {
    for (const fraction of [1, 0.5]) {
      for (const veer of VEERS) {
        const c = Math.cos(veer), sn = Math.sin(veer);
        const mx = (dx * c - dz * sn) * stepM * fraction;
        const mz = (dx * sn + dz * c) * stepM * fraction;
        if (this.clearAt(agent.x + mx, agent.z + mz, agent, 0)) return [mx, mz];
      }
    }
    return null;
  }

  private applyMove(agent: Agent, mx: number, mz: number): void {
    const tangent = sampleTrack(agent.lane.track, agent.s);
    const distance = Math.hypot(mx, mz);
    agent.s += Math.max(0, mx * tangent.tx + mz * tangent.tz);
    agent.x += mx;
    agent.z += mz;
    agent.speed = distance / this.dt;
    const cycle = this.cycleLengthM(agent.characterId, agent.speed);
    agent.phase = cycle > 1e-9 ? (agent.phase + distance / cycle) % 1 : agent.phase;
    const maxTurn = ((CHOREOGRAPHY_DEFAULTS.turnRateDegPerS * Math.PI) / 180) * this.dt;
    const turn = wrapAngle(Math.atan2(mx, mz) - agent.headingRad);
    agent.headingRad = wrapAngle(agent.headingRad + Math.max(-maxTurn, Math.min(maxTurn, turn)));
  }

  /**
   * Where to aim: the lane point `lookAheadM` ahead at the person's own offset, or, when a prop
   * stands there, the nearest offset (alternating sides, up to the walkway's edge plus a metre)
   * whose points half way and all the way ahead are clear: people step around obstacles early.
   */
  private aimPoint(agent: Agent): { x: number; z: number } {
    const ahead = CHOREOGRAPHY_DEFAULTS.lookAheadM;
    const clear = (lateralM: number): boolean =>
      [0.5, 1].every((f) => {
        const p = lanePoint(agent.lane, agent.s + ahead * f, lateralM);
        return !isBlocked(this.obstacles, p.x, p.z);
      });
    if (this.obstacles === null || clear(agent.lateralM)) return lanePoint(agent.lane, agent.s + ahead, agent.lateralM);
    const reach = agent.lane.walkway.widthM / 2 + 1;
    for (let d = 0.25; d <= reach * 2; d += 0.25) {
      for (const side of [1, -1]) {
        const lateralM = agent.lateralM + side * d;
        if (Math.abs(lateralM) <= reach && clear(lateralM)) return lanePoint(agent.lane, agent.s + ahead, lateralM);
      }
    }
    return lanePoint(agent.lane, agent.s + ahead, agent.lateralM);
  }

  /** One time step of one person: aim ahead on the lane, keep the headway, move if clear, leave at the end. */
  advance(agent: Agent): void {
    const target = this.aimPoint(agent);
    const len = Math.hypot(target.x - agent.x, target.z - agent.z) || 1;
    const dx = (target.x - agent.x) / len, dz = (target.z - agent.z) / len;
    const speed = this.speedBehindOthers(agent, dx, dz);
    const move = speed * this.dt > 1e-6 ? this.findMove(agent, dx, dz, speed * this.dt) : null;
    if (move) {
      this.applyMove(agent, move[0], move[1]);
      agent.blockedS = 0;
    } else {
      agent.speed = 0;
      // Standing behind a slower person is fine; being unable to move at all while wanting to is blocking.
      if (speed > 0.05) agent.blockedS += this.dt;
    }
    if (agent.s >= agent.lane.track.lengthM - 0.05) {
      agent.done = true;
      this.stats.left++;
    } else if (agent.blockedS > this.maxBlockedS) {
      agent.done = true;
      this.stats.left++;
      this.stats.gaveUp++;
    }
  }

  /** Advances everyone, removes who left, lets someone in. */
  step(timeS: number, stepIndex: number): void {
    for (const agent of this.agents) this.advance(agent);
    for (let i = this.agents.length - 1; i >= 0; i--) if (this.agents[i].done) this.agents.splice(i, 1);
    this.tryEnter(timeS, stepIndex);
  }

  /** The recorded state of a step (people by id) and the closest pair so far. */
  snapshot(step: number, timeS: number): FrameState {
    const persons: PersonState[] = this.agents
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
        if (d2 < this.stats.minDistanceM ** 2) this.stats.minDistanceM = Math.sqrt(d2);
      }
    }
    return { step, timeS, persons };
  }
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
  const longest = Math.max(...spec.walkways.map((w) => makeTrack(w.points).lengthM));
  const warmupS = options.warmupS ?? Math.min(CHOREOGRAPHY_DEFAULTS.maxWarmupS, longest / spec.crowd.speedMps[0]);
  const simulation = new CrowdSimulation(
    spec,
    characterIds,
    // One identity appears at most once at a time: never more people than characters.
    Math.min(spec.crowd.count, characterIds.length),
    warmupS,
    options.maxBlockedS ?? CHOREOGRAPHY_DEFAULTS.maxBlockedS,
    options.obstacles ?? null,
    options.cycleLengthM ?? genericCycleLengthM,
  );
  const frames: FrameState[] = [];
  for (let k = -Math.round(warmupS * fps); k < steps; k++) {
    const timeS = k / fps;
    simulation.step(timeS, k);
    if (k >= 0) frames.push(simulation.snapshot(k, timeS));
  }
  return { fps, frames, stats: simulation.stats };
}

/** Whether camera `cameraFps` renders at `step` of a scene at `sceneFps` (every sceneFps/cameraFps steps). */
export function cameraRendersAt(step: number, sceneFps: number, cameraFps: number | undefined): boolean {
  const every = cameraFps ? Math.round(sceneFps / cameraFps) : 1;
  return step % every === 0;
}
