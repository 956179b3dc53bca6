import { describe, expect, it } from '@jest/globals';
import { parseObj, verticesOfGroups } from '../../../orchestrator/src/makehuman/obj-parser.js';
import { isClonedPersonError } from '../../../orchestrator/src/shared/errors.js';

const OBJ = `# a quad and a triangle
v 0 0 0
v 1 0 0
v 1 1 0
v 0 1 0
v 2 0 0
vt 0 0
vt 1 0
vt 1 1
vt 0 1
g body
f 1/1 2/2 3/3 4/4
g helper-x
f 2/2 5/1 -3/3
`;

describe('parseObj', () => {
  it('reads vertices, uvs, quads, triangles (repeating the last corner) and groups', () => {
    const mesh = parseObj(OBJ, 'a.obj');
    expect(Array.from(mesh.positions)).toEqual([0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 2, 0, 0]);
    expect(mesh.uvs.length).toBe(8);
    expect(Array.from(mesh.faceSizes)).toEqual([4, 3]);
    expect(Array.from(mesh.faceVerts)).toEqual([0, 1, 2, 3, 1, 4, 2, 2]);
    expect(Array.from(mesh.faceUvs)).toEqual([0, 1, 2, 3, 1, 0, 2, 2]);
    expect(mesh.groupNames).toEqual(['', 'body', 'helper-x']);
    expect(Array.from(mesh.faceGroups)).toEqual([1, 2]);
    expect(Array.from(verticesOfGroups(mesh, (g) => g === 'body'))).toEqual([0, 1, 2, 3]);
  });

  it('accepts corners without texture coordinates', () => {
    const mesh = parseObj('v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nf 1//1 2//1 3//1\n', 'b.obj');
    expect(Array.from(mesh.faceUvs)).toEqual([-1, -1, -1, -1, -1, -1, -1, -1]);
  });

  it('names the file and line of malformed content', () => {
    const cases: [string, RegExp][] = [
      ['v 0 0\n', /c\.obj:1: a vertex needs 3 coordinates/],
      ['v 0 0 0\nv 1 0 x\n', /c\.obj:2: bad vertex coordinate "x"/],
      ['v 0 0 0\nv 1 0 0\nf 1 2\n', /c\.obj:3: faces must have 3 or 4 corners/],
      ['v 0 0 0\nv 1 0 0\nv 0 1 0\n\nf 1 2 7\n', /c\.obj:5: face vertex 7 is out of range/],
    ];
    for (const [text, pattern] of cases) {
      let caught: unknown;
      try {
        parseObj(text, 'c.obj');
      } catch (error) {
        caught = error;
      }
      expect(isClonedPersonError(caught) && caught.code).toBe('E_ASSET_INVALID');
      expect((caught as Error).message).toMatch(pattern);
    }
  });
});
