/**
 * Tiny benchmark harness: runs a function repeatedly and reports median, p10 and p90 wall time.
 * Benchmarks live in scripts/bench/<name>.bench.ts and export `run(): Promise<BenchReport>`.
 */
import { performance } from 'node:perf_hooks';

export interface Timing {
  name: string;
  iterations: number;
  medianMs: number;
  p10Ms: number;
  p90Ms: number;
  /** Free-form extra columns (targets, peer timings, notes). */
  extra?: Record<string, string | number>;
}

export interface BenchReport {
  title: string;
  timings: Timing[];
  notes?: string[];
}

function quantile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** Times `fn` (sync or async) `iterations` times after `warmup` untimed runs. */
export async function measure(
  name: string,
  fn: () => unknown,
  options: { iterations?: number; warmup?: number; extra?: Record<string, string | number> } = {},
): Promise<Timing> {
  const iterations = options.iterations ?? 30;
  for (let i = 0; i < (options.warmup ?? 3); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    name,
    iterations,
    medianMs: quantile(samples, 0.5),
    p10Ms: quantile(samples, 0.1),
    p90Ms: quantile(samples, 0.9),
    ...(options.extra ? { extra: options.extra } : {}),
  };
}

export function formatReport(report: BenchReport): string {
  const lines = [`## ${report.title}`, '', '| case | median ms | p10 ms | p90 ms | runs | notes |', '| --- | ---: | ---: | ---: | ---: | --- |'];
  for (const t of report.timings) {
    const notes = t.extra ? Object.entries(t.extra).map(([k, v]) => `${k}: ${v}`).join('; ') : '';
    lines.push(`| ${t.name} | ${t.medianMs.toFixed(2)} | ${t.p10Ms.toFixed(2)} | ${t.p90Ms.toFixed(2)} | ${t.iterations} | ${notes} |`);
  }
  for (const note of report.notes ?? []) lines.push('', note);
  return lines.join('\n');
}
