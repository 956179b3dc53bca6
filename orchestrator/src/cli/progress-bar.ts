/**
 * Progress bars for the CLI (cli-progress), drawn on the terminal the runner was given
 * (`progressStream`, stderr when it is a TTY); otherwise a no-op, so logs and CI output stay clean.
 */
import { SingleBar, Presets } from 'cli-progress';
import type { ProgressCallback } from '../shared/progress.js';
import type { CliContext } from './cli-context.js';

export interface ProgressBar {
  update: ProgressCallback;
  stop(): void;
}

export function createProgressBar(context: Pick<CliContext, 'progress' | 'progressStream'>, title: string): ProgressBar {
  if (!context.progress || !context.progressStream) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    {
      format: `${title} [{bar}] {percentage}% | {value}/{total} | eta {eta_formatted} | {label}`,
      hideCursor: true,
      clearOnComplete: false,
      stream: context.progressStream,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total, label = '') => {
      if (!started) {
        bar.start(total, done, { label });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { label });
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
