"""OpenCV/numpy peers for the cloning benchmark (scripts/bench/cloning.bench.ts).

The same operations as the TypeScript benchmark, written the way a careful Python
implementation would (vectorised numpy, OpenCV kernels, single-threaded OpenCV), timed with
perf_counter and printed as JSON medians in milliseconds. Input: a JSON file with the cases.
"""
import json
import sys
import time

import cv2
import numpy as np

cv2.setNumThreads(1)


def median_ms(fn, iterations, warmup=3):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(iterations):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return float(np.median(samples))


def find_homography(src, dst):
    return cv2.findHomography(src, dst, 0)[0]


def warp(image, h, size):
    return cv2.warpPerspective(image, h, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)


def mirror_tile(cell, width, height):
    block = np.concatenate([np.concatenate([cell, cell[:, ::-1]], axis=1), np.concatenate([cell[::-1], cell[::-1, ::-1]], axis=1)], axis=0)
    reps_y = -(-height // block.shape[0])
    reps_x = -(-width // block.shape[1])
    return np.tile(block, (reps_y, reps_x, 1))[:height, :width]


def feature_map(canvas, mask, cell=8):
    """Vectorised twin of appearance-feature-map.ts (10 channels, masked cell statistics)."""
    img = canvas.astype(np.float32)
    lum = (0.299 * img[..., 0] + 0.587 * img[..., 1] + 0.114 * img[..., 2]) / 255
    m = mask.astype(np.float32)
    gh, gw = canvas.shape[0] // cell, canvas.shape[1] // cell

    def pool(x):
        return x[: gh * cell, : gw * cell].reshape(gh, cell, gw, cell).sum(axis=(1, 3))

    count = pool(m)
    safe = np.maximum(count, 1)
    feats = [pool(img[..., k] * m) / safe / 255 for k in range(3)]
    mean = pool(lum * m) / safe
    feats.append(np.sqrt(np.maximum(pool(lum * lum * m) / safe - mean * mean, 0)))
    inner = np.zeros_like(m)
    inner[1:-1, 1:-1] = m[1:-1, 1:-1] * m[1:-1, :-2] * m[1:-1, 2:] * m[:-2, 1:-1] * m[2:, 1:-1]
    dx = np.zeros_like(lum)
    dy = np.zeros_like(lum)
    dx[:, 1:-1] = (lum[:, 2:] - lum[:, :-2]) / 2
    dy[1:-1, :] = (lum[2:, :] - lum[:-2, :]) / 2
    gcount = np.maximum(pool(inner), 1)
    feats.append(pool(np.abs(dx) * inner) / gcount)
    feats.append(pool(np.abs(dy) * inner) / gcount)
    mag = np.hypot(dx, dy)
    angle = np.degrees(np.arctan2(dy, dx)) % 180
    pos = angle / 45
    lower = np.floor(pos).astype(int) % 4
    t = pos - np.floor(pos)
    for b in range(4):
        w = np.where(lower == b, 1 - t, 0) + np.where((lower + 1) % 4 == b, t, 0)
        feats.append(pool(mag * w * inner) / gcount)
    return np.stack(feats) + 0.05


def cell_search(features, mask):
    """The authors' block search, vectorised per block size with sliding windows."""
    c, h, w = features.shape
    best = None
    for k in range(2, w // 2 + 1):
        windows = np.lib.stride_tricks.sliding_window_view(features, (k, k), axis=(1, 2)).reshape(c, h - k + 1, w - k + 1, k * k)
        inside = np.lib.stride_tricks.sliding_window_view(mask, (k, k)).reshape(h - k + 1, w - k + 1, k * k).all(axis=2)
        norm = np.maximum(np.linalg.norm(windows, axis=3, keepdims=True), 1e-12)
        score = (windows / norm).std(axis=3, ddof=1).mean(axis=0) / (k * k)
        score = np.where(inside, score, np.inf)
        idx = np.unravel_index(np.argmin(score), score.shape)
        if best is None or score[idx] < best[0]:
            best = (score[idx], idx[0], idx[1], k)
    return best


def clone_garment(photo, landmarks, parts, size, front):
    """Registered mapping + cell search + tiling for one garment, as in clone-texture.ts."""
    layer = np.zeros((size, size, 3), np.uint8)
    covered = np.zeros((size, size), bool)
    for src, dst in parts:
        src = np.asarray(src, np.float64)
        dst = np.asarray(dst, np.float64)
        h = find_homography(src, dst)
        mask = np.zeros(photo.shape[:2], np.uint8)
        cv2.fillPoly(mask, [np.round(src).astype(np.int32)], 1)
        warped = warp(photo * mask[..., None], h, (size, size))
        target = np.zeros((size, size), np.uint8)
        cv2.fillPoly(target, [np.round(dst).astype(np.int32)], 1)
        fill = (target > 0) & ~covered
        layer[fill] = warped[fill]
        covered |= fill
    pts = np.asarray(landmarks, np.float64)
    x1, y1 = np.floor(pts.min(axis=0)).astype(int)
    x2, y2 = np.ceil(pts.max(axis=0)).astype(int)
    crop = photo[y1:y2, x1:x2]
    ch, cw = crop.shape[:2]
    scale = 384 / ch if cw / ch < 128 / 384 else 128 / cw
    rw, rh = min(128, round(cw * scale)), min(384, round(ch * scale))
    resized = cv2.resize(crop, (rw, rh), interpolation=cv2.INTER_LANCZOS4)
    canvas_mask = np.zeros((384, 128), np.uint8)
    cv2.fillPoly(canvas_mask, [np.round((pts - [x1, y1]) * scale).astype(np.int32)], 1)
    canvas = np.zeros((384, 128, 3), np.uint8)
    canvas[:rh, :rw] = resized
    canvas *= canvas_mask[..., None]
    feats = feature_map(canvas, canvas_mask)
    grid_mask = cv2.resize(canvas_mask, (16, 48), interpolation=cv2.INTER_NEAREST).astype(bool)
    _, row, col, k = cell_search(feats, grid_mask)
    per = 8 / scale
    side = max(1, int(k * per))
    cell = crop[int(row * per):int(row * per) + side, int(col * per):int(col * per) + side]
    density = np.sqrt((front[2] - front[0]) * (front[3] - front[1]) / (cw * ch))
    cell = cv2.resize(cell, (max(1, round(cell.shape[1] * density)), max(1, round(cell.shape[0] * density))), interpolation=cv2.INTER_LANCZOS4)
    background = mirror_tile(cell, size, size)
    return np.where(covered[..., None], layer, background)


def main():
    cases = json.load(open(sys.argv[1]))
    out = {}
    rng = np.random.default_rng(1)
    for n in cases["homography_points"]:
        src = rng.uniform(0, 500, (n, 2))
        h_true = np.array([[1.8, 0.35, 120], [-0.22, 2.1, 45], [0.0009, -0.0004, 1]])
        dst = cv2.perspectiveTransform(src[None], h_true)[0] + rng.normal(0, 0.5, (n, 2))
        out[f"homography {n} points"] = median_ms(lambda: find_homography(src, dst), 300)
    garment = (rng.integers(0, 256, (507, 145, 3))).astype(np.uint8)
    h = np.array(cases["garment_h"], np.float64).reshape(3, 3)
    out["warp 507x145 -> 1024x1024"] = median_ms(lambda: warp(garment, h, (1024, 1024)), 50)
    full = rng.integers(0, 256, (1000, 1000, 3)).astype(np.uint8)
    hf = np.array(cases["full_h"], np.float64).reshape(3, 3)
    out["warp 1000x1000 -> 1000x1000"] = median_ms(lambda: warp(full, hf, (1000, 1000)), 50)
    for c, hh, ww in ([512, 24, 8], [512, 48, 16]):
        f = rng.random((c, hh, ww)).astype(np.float32)
        m = np.ones((hh, ww), bool)
        out[f"cell search {c}x{hh}x{ww}"] = median_ms(lambda: cell_search(f, m), 20)
    cell = rng.integers(0, 256, (61, 47, 3)).astype(np.uint8)
    out["mirror tiling 1024x1024"] = median_ms(lambda: mirror_tile(cell, 1024, 1024), 50)
    outfit = cases["outfit"]
    photo = cv2.cvtColor(cv2.imread(outfit["image"]), cv2.COLOR_BGR2RGB)
    def whole():
        for g in outfit["garments"]:
            clone_garment(photo, g["landmarks"], g["parts"], outfit["size"], g["front"])
    out["whole outfit (two garments)"] = median_ms(whole, 20)
    print(json.dumps(out))


main()
