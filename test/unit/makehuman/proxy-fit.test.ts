import { describe, expect, it } from '@jest/globals';
import { parseObj } from '../../../orchestrator/src/makehuman/obj-parser.js';
import { clothesMasks, faceMaskFromVertices, fitProxy, proxyOffsetScale, transferVertexMask } from '../../../orchestrator/src/makehuman/proxy-fit.js';
import { parseProxy } from '../../../orchestrator/src/makehuman/proxy-parser.js';

const MHCLO = `# test proxy
uuid 1234
name Test shirt
tag Shirt
obj_file shirt.obj
x_scale 0 1 2.0
y_scale 0 2 1.0
z_scale 0 3 4.0
z_depth 30
verts 0
3
0 1 2 0.5 0.25 0.25 0.1 0.2 0.3
material shirt.mhmat
1 2 3 0.2 0.3 0.5

delete_verts
1 3 - 5 8
`;

// body: vertex i at (i, 2i, 3i) except a few chosen points
const BODY = Float32Array.from(Array.from({ length: 10 }, (_, i) => [i, 2 * i, 3 * i]).flat());

describe('proxy files', () => {
  it('parses keys anywhere, the three mapping forms and delete_verts ranges', () => {
    const proxy = parseProxy(MHCLO, 'shirt.mhclo', 10);
    expect(proxy).toMatchObject({ uuid: '1234', name: 'Test shirt', tags: ['shirt'], objFile: 'shirt.obj', material: 'shirt.mhmat', zDepth: 30 });
    expect(Array.from(proxy.refVerts)).toEqual([3, 0, 1, 0, 1, 2, 1, 2, 3]);
    expect(Array.from(proxy.weights)).toEqual(Array.from(Float32Array.from([1, 0, 0, 0.5, 0.25, 0.25, 0.2, 0.3, 0.5])));
    expect(Array.from(proxy.offsets)).toEqual(Array.from(Float32Array.from([0, 0, 0, 0.1, 0.2, 0.3, 0, 0, 0])));
    expect(Array.from(proxy.deleteVerts)).toEqual([1, 3, 4, 5, 8]);
    expect(proxy.scales[0]).toEqual({ vertexA: 0, vertexB: 1, denominator: 2 });
  });

  it('reports malformed mapping lines and out-of-range vertices with the line', () => {
    expect(() => parseProxy('obj_file a.obj\nverts 0\n1 2 3 0.5\n', 'p.mhclo', 10)).toThrow(/p\.mhclo:3: expected "v" or "v1 v2 v3 w1 w2 w3/);
    expect(() => parseProxy('obj_file a.obj\nverts 0\n12\n', 'p.mhclo', 10)).toThrow(/p\.mhclo:3: body vertex index 12 is out of range/);
    expect(() => parseProxy('verts 0\n1\n', 'p.mhclo', 10)).toThrow(/p\.mhclo: no obj_file given/);
    expect(parseProxy('obj_file a.obj\nfrobnicate 1\nverts 0\n1\n', 'p.mhclo', 10).warnings).toEqual(['p.mhclo:2: unknown keyword frobnicate']);
  });

  it('fits vertices from barycentric weights plus an offset scaled by the body (never the obj positions)', () => {
    const proxy = parseProxy(MHCLO, 'shirt.mhclo', 10);
    // scales: x |0 - 1| / 2 = 0.5, y |0 - 4| / 1 = 4, z |0 - 9| / 4 = 2.25
    expect(proxyOffsetScale(proxy, BODY)).toEqual([0.5, 4, 2.25]);
    const fitted = Array.from(fitProxy(proxy, BODY));
    const expected = [
      [3, 6, 9], // exact vertex 3
      // 0.5*(0,0,0) + 0.25*(1,2,3) + 0.25*(2,4,6) + (0.5*0.1, 4*0.2, 2.25*0.3)
      [0.75 + 0.05, 1.5 + 0.8, 2.25 + 0.675],
      // 0.2*(1,2,3) + 0.3*(2,4,6) + 0.5*(3,6,9)
      [2.3, 4.6, 6.9],
    ].flat();
    fitted.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });

  it('hides proxy vertices with fewer than two visible references, exact ones by their vertex', () => {
    const proxy = parseProxy(MHCLO, 'shirt.mhclo', 10);
    const visible = new Uint8Array(10).fill(1);
    visible[3] = 0; // exact vertex 3 hidden
    visible[1] = 0; // second vertex keeps 0 and 2 (two visible), third keeps only 2
    expect(Array.from(transferVertexMask(visible, proxy))).toEqual([0, 1, 0]);
  });

  it('hides body and lower garments under higher ones; a face stays while any vertex is visible', () => {
    const outer = parseProxy('uuid b\nobj_file a.obj\nz_depth 50\nverts 0\n0\n1\n2\ndelete_verts\n4 - 6\n', 'outer.mhclo', 10);
    const inner = parseProxy('uuid a\nobj_file a.obj\nz_depth 10\nverts 0\n4\n5\n7\ndelete_verts\n2\n', 'inner.mhclo', 10);
    const masks = clothesMasks(10, [inner, outer]);
    expect(Array.from(masks.body)).toEqual([1, 1, 0, 1, 0, 0, 0, 1, 1, 1]);
    expect(Array.from(masks.garments[1])).toEqual([1, 1, 1]); // the outer one is masked by nothing
    expect(Array.from(masks.garments[0])).toEqual([0, 0, 1]); // inner: vertices on 4 and 5 are under the outer
    const mesh = parseObj('v 0 0 0\nv 1 0 0\nv 0 1 0\nv 1 1 0\nf 1 2 4 3\nf 1 2 3\n', 'm.obj');
    expect(Array.from(faceMaskFromVertices(mesh, Uint8Array.from([0, 0, 0, 1])))).toEqual([1, 0]);
  });
});
