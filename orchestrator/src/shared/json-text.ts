/** The project's JSON file text: two-space indent and a trailing newline (as contract writers produce). */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
