/** A point in a plane, `[x, y]`: image pixels (x right, y down) or ground coordinates. */
export type Point2 = readonly [number, number];
