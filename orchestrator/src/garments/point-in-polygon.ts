/** Even-odd point-in-polygon test (points exactly on an edge may fall either way). */
export function insidePolygon(points: readonly (readonly [number, number])[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, k = points.length - 1; i < points.length; k = i++) {
    const [xi, yi] = points[i];
    const [xk, yk] = points[k];
    if (yi > y !== yk > y && x < ((xk - xi) * (y - yi)) / (yk - yi) + xi) inside = !inside;
  }
  return inside;
}
