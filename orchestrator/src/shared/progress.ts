/**
 * Progress reporting from cores: a callback, so the core stays free of terminals.
 * The CLI turns it into a progress bar (see cli/progress-bar.ts).
 */
export type ProgressCallback = (done: number, total: number, label?: string) => void;

export const noProgress: ProgressCallback = () => undefined;
