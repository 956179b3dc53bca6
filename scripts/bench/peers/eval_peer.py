"""Peer of scripts/bench/eval.bench.ts: the same evaluation in numpy (Debian's python3-numpy).

  eval_peer.py generate <dir> <nq> <ng> <identities> <cameras> <dim> <seed>
      writes q.npy, g.npy (float32 features: identity centre + noise), q_pids.npy, q_cams.npy,
      g_pids.npy, g_cams.npy (int32) into <dir>.
  eval_peer.py eval <dir> <max_rank> <block>
      cosine distances block by block (float32 BLAS), then torchreid's eval_market1501 per query
      (argsort kind="stable"), prints one JSON line: mAP, cmc, valid queries, time, peak memory.
"""
import json, resource, sys, time
import numpy as np


def generate(out, nq, ng, identities, cameras, dim, seed):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((identities, dim)).astype(np.float32)
    for side, n in (("q", nq), ("g", ng)):
        pids = rng.integers(0, identities, n).astype(np.int32)
        cams = rng.integers(0, cameras, n).astype(np.int32)
        # noise 3x the centre spread: a hard but learnable problem (mAP well below 1)
        x = centres[pids] + 3.0 * rng.standard_normal((n, dim)).astype(np.float32)
        np.save(f"{out}/{side}.npy", x.astype(np.float32))
        np.save(f"{out}/{side}_pids.npy", pids)
        np.save(f"{out}/{side}_cams.npy", cams)


def evaluate(d, max_rank, block):
    q = np.load(f"{d}/q.npy"); g = np.load(f"{d}/g.npy")
    q_pids = np.load(f"{d}/q_pids.npy"); q_cams = np.load(f"{d}/q_cams.npy")
    g_pids = np.load(f"{d}/g_pids.npy"); g_cams = np.load(f"{d}/g_cams.npy")
    start = time.perf_counter()
    qn = q / np.linalg.norm(q, axis=1, keepdims=True)
    gn = g / np.linalg.norm(g, axis=1, keepdims=True)
    num_g = g.shape[0]
    max_rank = min(max_rank, num_g)
    all_cmc = np.zeros(max_rank, dtype=np.float64)
    ap_sum = 0.0
    valid = 0
    for b0 in range(0, q.shape[0], block):
        dist = 1.0 - qn[b0:b0 + block] @ gn.T
        indices = np.argsort(dist, axis=1, kind="stable")
        for r in range(dist.shape[0]):
            qi = b0 + r
            order = indices[r]
            matches = g_pids[order] == q_pids[qi]
            keep = ~(matches & (g_cams[order] == q_cams[qi]))
            raw_cmc = matches[keep].astype(np.int32)
            if not raw_cmc.any():
                continue
            cmc = raw_cmc.cumsum()
            cmc[cmc > 1] = 1
            all_cmc += cmc[:max_rank]
            valid += 1
            tmp = raw_cmc.cumsum() / np.arange(1, len(raw_cmc) + 1) * raw_cmc
            ap_sum += tmp.sum() / raw_cmc.sum()
    elapsed = time.perf_counter() - start
    print(json.dumps({"mAP": ap_sum / valid, "cmc": (all_cmc / valid).tolist(), "validQueries": valid, "timeMs": round(elapsed * 1000),
                      "peakRssMb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(sys.argv[2], *map(int, sys.argv[3:9]))
    else:
        evaluate(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
