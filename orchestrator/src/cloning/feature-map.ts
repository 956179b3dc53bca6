/**
 * A feature map: `channels` planes of `height` x `width` float32 values, channel-major (CHW),
 * as a re-ID backbone produces for one image.
 */
import { checkPositiveInteger, invalidArgument } from '../shared/check.js';

export interface FeatureMap {
  channels: number;
  height: number;
  width: number;
  data: Float32Array;
}

export function checkFeatureMap(features: FeatureMap, name = 'features'): FeatureMap {
  if (typeof features !== 'object' || features === null) throw invalidArgument('feature map', name, features);
  checkPositiveInteger(features.channels, `${name}.channels`);
  checkPositiveInteger(features.height, `${name}.height`);
  checkPositiveInteger(features.width, `${name}.width`);
  const expected = features.channels * features.height * features.width;
  if (!(features.data instanceof Float32Array) || features.data.length !== expected) {
    throw invalidArgument(`Float32Array of length ${expected}`, `${name}.data`, features.data);
  }
  return features;
}
