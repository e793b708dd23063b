/**
 * Decode a byte range as UTF-8, the way the hot paths need it: once per line or per field, millions of times.
 * @module
 */

type Slice = (this: Buffer, start: number, end: number) => string;

/**
 * `Buffer#utf8Slice` is what `Buffer#toString('utf8', start, end)` calls once it has validated its arguments; the
 * validation wrapper measured ~10 % of the filter-log-events path. It is not in @types/node, so it is looked up
 * once, with `toString` as the fallback should a Node version drop it.
 */
const nativeSlice = (Buffer.prototype as unknown as { utf8Slice?: Slice }).utf8Slice;
const slice: Slice =
  typeof nativeSlice === 'function'
    ? nativeSlice
    : function (this: Buffer, start: number, end: number): string {
        return this.toString('utf8', start, end);
      };

/**
 * The text of `bytes[start, end)` as UTF-8 (invalid bytes become U+FFFD). The range must lie within `bytes`.
 *
 * @example
 * decodeUtf8(Buffer.from('café'), 0, 5); // 'café'
 */
export function decodeUtf8(bytes: Buffer, start: number, end: number): string {
  return slice.call(bytes, start, end);
}

const nativeLatin1 = (Buffer.prototype as unknown as { latin1Slice?: Slice }).latin1Slice;
const latin1Slice: Slice =
  typeof nativeLatin1 === 'function'
    ? nativeLatin1
    : function (this: Buffer, start: number, end: number): string {
        return this.toString('latin1', start, end);
      };

/**
 * The text of `bytes[start, end)` as latin1: one character per byte, a plain copy. For ASCII bytes it equals the
 * UTF-8 text, faster; for a whole chunk it gives a string whose positions are byte positions.
 *
 * @example
 * decodeLatin1(Buffer.from('abc'), 1, 3); // 'bc'
 */
export function decodeLatin1(bytes: Buffer, start: number, end: number): string {
  return latin1Slice.call(bytes, start, end);
}
