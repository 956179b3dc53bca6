/**
 * The memory of an assets object: parsed assets cached per key (a batch parses the base mesh,
 * each target, rig and proxy once) and warnings logged once per distinct message.
 */
import type { Logger } from '../shared/logger.js';

export class AssetMemo {
  private readonly cache = new Map<string, Promise<unknown>>();
  private readonly warned = new Set<string>();

  constructor(private readonly logger: Logger) {}

  warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.logger.warn(message);
  }

  /** `make()` once per key; a failed load is forgotten so the next call retries it. */
  memo<T>(key: string, make: () => Promise<T>): Promise<T> {
    let entry = this.cache.get(key) as Promise<T> | undefined;
    if (!entry) {
      entry = make();
      this.cache.set(key, entry);
      entry.catch(() => this.cache.delete(key));
    }
    return entry;
  }
}
