/**
 * The per-format line logic of a text container (see decode-text-lines.ts).
 * @module
 */

/** What a text container does with each line. */
export interface LineRule {
  /** Handle one decoded line (ANSI already stripped). */
  line(text: string, line: number, bytes: number): void;
  /** A line too long to read, known by its first bytes: it ends the held event or spoils it. */
  longLine(head: string, line: number): void;
  /** End of input. */
  end(): void;
}
