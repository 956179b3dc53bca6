/**
 * One evaluation benchmark case, run in its own process by eval.bench.ts so that peak memory
 * (maxRSS) is the case's alone. Usage: tsx eval-case.ts <dir> (written by peers/eval_peer.py
 * generate); prints one JSON line: mAP, cmc, validQueries, timeMs and cpuMs (reading the
 * features excluded), peakRssMb.
 */
import path from 'node:path';
import { evaluateFeatureMatrices } from '../../orchestrator/src/eval/evaluate.js';
import { parseNpy } from '../../orchestrator/src/features/npy.js';
import { readFeatureMatrixNpy } from '../../orchestrator/src/features/npy-file.js';
import { nodeFileStore } from '../../orchestrator/src/shared/node-file-store.js';

const dir = process.argv[2];
const ints = async (name: string): Promise<Int32Array> => parseNpy(await nodeFileStore.read(path.join(dir, `${name}.npy`)), name).data as Int32Array;
const side = async (name: 'q' | 'g') => ({
  features: await readFeatureMatrixNpy(path.join(dir, `${name}.npy`)),
  pids: await ints(`${name}_pids`),
  cameras: Array.from(await ints(`${name}_cams`)),
});
const query = await side('q');
const gallery = await side('g');
const cpu = process.cpuUsage();
const start = performance.now();
const { metrics } = await evaluateFeatureMatrices(query, gallery, { metric: 'cosine', maxRank: 50 });
const timeMs = Math.round(performance.now() - start);
// CPU time of all threads (main, the GEMM worker, onnxruntime's), for a load-independent view
const used = process.cpuUsage(cpu);
const cpuMs = Math.round((used.user + used.system) / 1000);
process.stdout.write(`${JSON.stringify({ mAP: metrics.mAP, cmc: metrics.cmc, validQueries: metrics.validQueries, timeMs, cpuMs, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
