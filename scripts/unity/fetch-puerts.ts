/**
 * `npm run unity:fetch [-- --from <folder|http mirror>] [--pin]`: puts the pinned PuerTS release
 * packages into unity-project/Packages/ (see puerts-fetch.ts). With --pin, checksums of tarballs
 * that have none yet are written into scripts/unity/puerts-release.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isClonedPersonError } from '../../orchestrator/src/shared/errors.js';
import { fetchPuerts } from './puerts-fetch.js';
import type { PuertsRelease } from './puerts-fetch.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PINS = path.join(HERE, 'puerts-release.json');
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
try {
  const release = JSON.parse(readFileSync(PINS, 'utf8')) as PuertsRelease;
  const from = option('--from');
  const result = await fetchPuerts({
    release,
    packagesDir: path.resolve(HERE, '../../unity-project/Packages'),
    ...(from === undefined ? {} : { from: /^https?:\/\//i.test(from) ? from : path.resolve(from) }),
    pin: args.includes('--pin'),
    log: (line) => console.log(`unity:fetch: ${line}`),
  });
  if (result.pinned.length > 0) writeFileSync(PINS, `${JSON.stringify(result.release, null, 2)}\n`);
  for (const name of result.present) console.log(`unity:fetch: ${name} is already installed from its pinned tarball`);
} catch (error) {
  console.error(isClonedPersonError(error) ? `${error.code}: ${error.message}` : String(error));
  process.exit(isClonedPersonError(error) && error.code === 'E_CHECKSUM' ? 3 : 1);
}
