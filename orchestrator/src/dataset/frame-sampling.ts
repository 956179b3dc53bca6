/**
 * Which render steps the dataset uses: one every `intervalS` seconds (the authors took one frame
 * every 0.5 s; consecutive frames at 30 fps are near duplicates). A step is kept when a new
 * interval starts at it: step 0, and every step whose time crosses the next multiple of the
 * interval. `intervalS` 0 keeps every step.
 */

/** Whether `step` (at `fps` steps per second) starts a new sampling interval. */
export function isSampledStep(step: number, fps: number, intervalS: number): boolean {
  if (intervalS <= 0 || step === 0) return true;
  // a little slack so that 15 * (1 / 30) lands on 0.5 despite rounding
  const bucket = (s: number): number => Math.floor((s / fps) / intervalS + 1e-9);
  return bucket(step) !== bucket(step - 1);
}
