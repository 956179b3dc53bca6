import { describe, expect, it } from '@jest/globals';
import { createRawImage, cropToBox } from '../../../orchestrator/src/imaging/raw-image.js';

/** A 4 x 3 grey image whose pixel (x, y) holds 10 * y + x. */
function numbered(): ReturnType<typeof createRawImage> {
  const image = createRawImage(4, 3, 1);
  for (let y = 0; y < 3; y++) for (let x = 0; x < 4; x++) image.data[y * 4 + x] = 10 * y + x;
  return image;
}

describe('cropToBox', () => {
  it('rounds a fractional box outwards', () => {
    const crop = cropToBox(numbered(), [1.5, 0.2, 2.5, 1.9])!;
    expect([crop.width, crop.height]).toEqual([2, 2]);
    expect(Array.from(crop.data)).toEqual([1, 2, 11, 12]);
  });

  it('clamps a box that sticks out, and gives undefined for one entirely outside', () => {
    const crop = cropToBox(numbered(), [-5, 2, 3, 10])!;
    expect([crop.width, crop.height]).toEqual([3, 1]);
    expect(Array.from(crop.data)).toEqual([20, 21, 22]);
    expect(cropToBox(numbered(), [4, 0, 8, 3])).toBeUndefined();
    expect(cropToBox(numbered(), [1, 1, 1, 2])).toBeUndefined();
  });
});
