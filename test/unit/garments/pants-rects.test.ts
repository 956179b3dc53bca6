import { describe, expect, it } from '@jest/globals';
import { mergeCellRuns, pantsRectangles, pieceUvCells } from '../../../orchestrator/src/garments/pants-rects.js';
import { quadMesh, square } from './mesh-fixtures.js';

describe('pants rectangles', () => {
  // on an 8 x 8 grid (cell = 10 canvas px at 80 px): the bottom piece covers u 0..0.5, v 0..0.5, i.e.
  // grid x 0..4, y 4..8; the top piece a hole at u 0.125..0.25, v 0.25..0.375: grid x 1..2, y 5..6
  const uvs: [number, number][] = [
    [0, 0],
    [0.5, 0],
    [0.5, 0.5],
    [0, 0.5],
    [0.125, 0.25],
    [0.25, 0.25],
    [0.25, 0.375],
    [0.125, 0.375],
  ];
  const mesh = quadMesh([square(0, 0, 1, 0, [0, 1, 2, 3]), square(0, 0, 1, 0, [4, 5, 6, 7])], uvs);
  const facePiece = Uint8Array.from([1, 0]);

  it('marks the cells whose centre is inside a face, or that hold one of its corners', () => {
    const cells = pieceUvCells(mesh, facePiece, 1, 8);
    const on = (y: number): string => Array.from(cells.slice(y * 8, y * 8 + 8)).join('');
    // centres of columns 0-3 in rows 4-7; the corner (4, 4) also marks cell (4, 4)
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(on)).toEqual(['00000000', '00000000', '00000000', '00000000', '11111000', '11110000', '11110000', '11110000']);
    const top = pieceUvCells(mesh, facePiece, 0, 8);
    expect([5, 6].map((y) => Array.from(top.slice(y * 8, y * 8 + 8)).join(''))).toEqual(['01100000', '01100000']);
  });

  it('merges bottom-not-top cells row by row into rectangles (canvas pixels), top to bottom', () => {
    // rows: 4 x 0..4; 5 and 6 x 0 and 3 (the hole at 1..2); 7 x 0..3
    expect(pantsRectangles(mesh, facePiece, 80, 8)).toEqual([
      [0, 40, 50, 50],
      [0, 50, 10, 70],
      [30, 50, 40, 70],
      [0, 70, 40, 80],
    ]);
    expect(mergeCellRuns(() => true, 2, 5)).toEqual([[0, 0, 10, 10]]);
    expect(mergeCellRuns(() => false, 2, 5)).toEqual([]);
  });
});
