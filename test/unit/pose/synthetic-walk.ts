/**
 * A synthetic BVH walker with known answers: a root moving at `speed` units per frame along +X
 * (so the cutter must turn it to +Z), legs of 5 + 5 units that swing about Z (forward is +X)
 * such that each foot is exactly still for half of a `period`-frame cycle (the sine of the hip
 * angle falls linearly while the foot is planted), the right leg half a cycle after the left.
 * Frame 0 is the reference pose (legs straight down). The left heel strikes at frames
 * `firstStrike + k * period` (the instant the foot stops), the right ones half a period later.
 */
export interface SyntheticWalk {
  text: string;
  period: number;
  firstStrike: number;
  speed: number;
  legLength: number;
}

export function syntheticWalkBvh(options: { period?: number; frames?: number; speed?: number; firstStrike?: number } = {}): SyntheticWalk {
  const period = options.period ?? 20;
  const frames = options.frames ?? 70;
  const speed = options.speed ?? 1;
  const firstStrike = options.firstStrike ?? 7;
  const legLength = 10;
  // Planted for half a cycle: the foot's forward offset from the hips falls from +s to -s.
  const s = (speed * period) / 4 / legLength;
  const sineAt = (t: number): number => {
    const u = ((t % period) + period) % period;
    return u <= period / 2 ? s - (4 * s * u) / period : -s + (4 * s * (u - period / 2)) / period;
  };
  const leg = (side: 'Left' | 'Right', x: number) => `  JOINT ${side}UpLeg
  {
    OFFSET ${x} -1 0
    CHANNELS 3 Zrotation Yrotation Xrotation
    JOINT ${side}Leg
    {
      OFFSET 0 -5 0
      CHANNELS 3 Zrotation Yrotation Xrotation
      JOINT ${side}Foot
      {
        OFFSET 0 -5 0
        CHANNELS 3 Zrotation Yrotation Xrotation
        End Site
        {
          OFFSET 1 0 0
        }
      }
    }
  }`;
  const lines = [
    'HIERARCHY',
    'ROOT Hips',
    '{',
    '  OFFSET 0 0 0',
    '  CHANNELS 6 Xposition Yposition Zposition Zrotation Yrotation Xrotation',
    leg('Left', 1),
    leg('Right', -1),
    '}',
    'MOTION',
    `Frames: ${frames}`,
    'Frame Time: 0.0333333',
  ];
  const deg = (v: number) => (v * 180) / Math.PI;
  for (let f = 0; f < frames; f++) {
    if (f === 0) {
      lines.push(['0 11 0', ...Array(3 + 9 + 9).fill(0)].join(' '));
      continue;
    }
    const t = f - firstStrike;
    // Rz(theta) takes the leg (0, -1, 0) to (sin theta, -cos theta, 0): forward along +X.
    const left = deg(Math.asin(sineAt(t)));
    const right = deg(Math.asin(sineAt(t - period / 2)));
    lines.push([speed * f, 11, 0, 0, 0, 0, left, 0, 0, 0, 0, 0, 0, 0, 0, right, 0, 0, 0, 0, 0, 0, 0, 0].join(' '));
  }
  return { text: `${lines.join('\n')}\n`, period, firstStrike, speed, legLength };
}
