/**
 * An independent reference for the metrics: torchreid's `eval_market1501` transcribed to numpy
 * (one change: argsort with kind="stable", the tie rule both sides promise), run with Debian's
 * /usr/bin/python3. Inputs travel as raw little-endian arrays; the result comes back as JSON.
 */
import { runPython } from '../../helpers/python.js';

export const TORCHREID_EVAL_PY = `
import json, sys
import numpy as np

def eval_market1501(distmat, q_pids, g_pids, q_camids, g_camids, max_rank):
    num_q, num_g = distmat.shape
    if num_g < max_rank:
        max_rank = num_g
    indices = np.argsort(distmat, axis=1, kind="stable")
    matches = (g_pids[indices] == q_pids[:, np.newaxis]).astype(np.int32)
    all_cmc = []
    all_AP = []
    num_valid_q = 0.0
    for q_idx in range(num_q):
        q_pid = q_pids[q_idx]
        q_camid = q_camids[q_idx]
        order = indices[q_idx]
        remove = (g_pids[order] == q_pid) & (g_camids[order] == q_camid)
        keep = np.invert(remove)
        raw_cmc = matches[q_idx][keep]
        if not np.any(raw_cmc):
            continue
        cmc = raw_cmc.cumsum()
        cmc[cmc > 1] = 1
        all_cmc.append(cmc[:max_rank])
        num_valid_q += 1.0
        num_rel = raw_cmc.sum()
        tmp_cmc = raw_cmc.cumsum()
        tmp_cmc = [x / (i + 1.0) for i, x in enumerate(tmp_cmc)]
        tmp_cmc = np.asarray(tmp_cmc) * raw_cmc
        all_AP.append(tmp_cmc.sum() / num_rel)
    all_cmc = np.asarray(all_cmc).astype(np.float64).sum(0) / num_valid_q
    return all_cmc, float(np.mean(all_AP)), int(num_valid_q)

nq, ng, max_rank = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
dist = np.fromfile(sys.argv[4], dtype="<f8").reshape(nq, ng)
q_pids = np.fromfile(sys.argv[5], dtype="<i4")
q_cams = np.fromfile(sys.argv[6], dtype="<i4")
g_pids = np.fromfile(sys.argv[7], dtype="<i4")
g_cams = np.fromfile(sys.argv[8], dtype="<i4")
cmc, mAP, valid = eval_market1501(dist, q_pids, g_pids, q_cams, g_cams, max_rank)
print(json.dumps({"cmc": cmc.tolist(), "mAP": mAP, "validQueries": valid}))
`;

const bytes = (a: Float64Array | Int32Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** The reference's CMC (length min(maxRank, gallery)), mAP and number of valid queries. */
export async function referenceEval(
  distances: Float64Array,
  query: { pids: Int32Array; cams: Int32Array },
  gallery: { pids: Int32Array; cams: Int32Array },
  maxRank: number,
): Promise<{ cmc: number[]; mAP: number; validQueries: number }> {
  const nq = query.pids.length;
  const ng = gallery.pids.length;
  // runPython passes input files as argv[1..]: prepend the sizes through the script text
  const script = `import sys\nsys.argv = [sys.argv[0], "${nq}", "${ng}", "${maxRank}"] + sys.argv[1:]\n${TORCHREID_EVAL_PY}`;
  const { stdout } = await runPython(script, [bytes(distances), bytes(query.pids), bytes(query.cams), bytes(gallery.pids), bytes(gallery.cams)]);
  return JSON.parse(stdout) as { cmc: number[]; mAP: number; validQueries: number };
}
