/** What {@link parsePartialJson} read. */
export interface PartialJson {
  /** The top value as far as it got (objects and arrays hold what was complete inside them); undefined if none. */
  value: unknown;
  /** Objects and arrays whose closing bracket was read. Anything else still open was cut. */
  closed: WeakSet<object>;
  /** True when the text was one complete JSON value. */
  complete: boolean;
}

interface Frame {
  container: Record<string, unknown> | unknown[];
  /** For objects: the key read and waiting for its value, or null when a key is expected next. */
  key: string | null;
}

/**
 * Reads as much of a JSON value as there is: the tolerant scanner behind `salvagePolicy`, for bodies the log cut
 * at 1024 bytes. Strings, numbers and literals are only kept when whole; objects and arrays are kept open, and
 * `closed` tells which ones ended. Stops quietly at the first byte that is not JSON.
 *
 * Iterative with an explicit stack, so nesting depth cannot overflow the call stack; one pass, linear in the text.
 *
 * @example
 * const { value, closed } = parsePartialJson('{"a":[{"b":1},{"c":');
 * // value: { a: [{ b: 1 }, {}] }; closed has the first inner object only
 */
export function parsePartialJson(text: string): PartialJson {
  const closed = new WeakSet<object>();
  const stack: Frame[] = [];
  let top: unknown = undefined;
  let complete = false;
  let i = 0;
  const n = text.length;

  /** Places a finished value (or a newly opened container) where the grammar expects it. False if nowhere. */
  function place(value: unknown): boolean {
    const frame = stack[stack.length - 1];
    if (!frame) {
      if (top !== undefined) return false;
      top = value;
      return true;
    }
    if (Array.isArray(frame.container)) {
      frame.container.push(value);
      return true;
    }
    if (frame.key === null) return false;
    frame.container[frame.key] = value;
    frame.key = null;
    return true;
  }

  scan: while (i < n) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 0x20: case 0x09: case 0x0a: case 0x0d: case 0x2c: case 0x3a: // space, tab, LF, CR, ',', ':'
        i++;
        break;
      case 0x7b: case 0x5b: { // '{' '['
        const container = c === 0x7b ? {} : [];
        if (!place(container)) break scan;
        stack.push({ container, key: null });
        i++;
        break;
      }
      case 0x7d: case 0x5d: { // '}' ']'
        const frame = stack.pop();
        if (!frame) break scan;
        closed.add(frame.container);
        i++;
        if (stack.length === 0) {
          complete = true;
          break scan;
        }
        break;
      }
      case 0x22: { // '"'
        const end = findStringEnd(text, i);
        if (end < 0) break scan; // cut inside a string: drop it
        let s: string;
        try {
          s = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          break scan;
        }
        i = end + 1;
        const frame = stack[stack.length - 1];
        if (frame && !Array.isArray(frame.container) && frame.key === null) frame.key = s;
        else if (!place(s)) break scan;
        break;
      }
      default: {
        let end = i;
        while (end < n && isScalarChar(text.charCodeAt(end))) end++;
        // A number or literal that touches the end of the text may have been cut: "12" of "123".
        if (end === i || end === n) break scan;
        let scalar: unknown;
        try {
          scalar = JSON.parse(text.slice(i, end));
        } catch {
          break scan;
        }
        if (!place(scalar)) break scan;
        i = end;
        if (stack.length === 0) {
          complete = true;
          break scan;
        }
      }
    }
  }
  if (complete && text.slice(i).trim() !== '') complete = false;
  return { value: top, closed, complete };
}

/** Index of the closing quote of the string opening at `start`, or -1 when the text ends first. */
function findStringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++; // backslash: skip the escaped character
    else if (c === 0x22) return i;
  }
  return -1;
}

/** Characters of numbers and of true/false/null. */
function isScalarChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45;
}
