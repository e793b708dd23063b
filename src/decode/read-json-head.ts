/**
 * Read the structure of the first bytes of a JSON text, which may stop anywhere: the keys the sniffer decides on.
 * @module
 */

import { findStringEnd, isSpace } from './scan-flat-event.js';

/** What the head of a JSON text shows. Keys are listed as far as the head reaches. */
export interface JsonHead {
  /** Keys of the first top-level object, in order (at most 32). */
  topKeys: string[];
  /** Keys of the first object found directly inside an array (an event, a row, a cell), or null if none began. */
  innerKeys: string[] | null;
  /** The object of {@link innerKeys} closed within the head. */
  innerComplete: boolean;
  /** The first top-level value closed within the head. */
  firstComplete: boolean;
  /** The first non-space character after the first top-level value, or '' (end of head). */
  after: string;
}

const MAX_KEYS = 32;

/**
 * Scan `text` (which starts with `{` or `[` after optional whitespace) as far as it goes. Linear, allocation-light.
 *
 * @example
 * readJsonHead('{"events":[{"logStreamName":"a","timestamp":1').innerKeys; // ['logStreamName', 'timestamp']
 */
export function readJsonHead(text: string): JsonHead {
  const head: JsonHead = { topKeys: [], innerKeys: null, innerComplete: false, firstComplete: false, after: '' };
  /** Per open container: 'o' object expecting a key, 'v' object expecting a value, 'a' array. */
  const frames: string[] = [];
  /** Depth (frames.length) of the object whose keys go to innerKeys, or -1. */
  let innerDepth = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const end = findStringEnd(text, i + 1);
      const top = frames[frames.length - 1];
      if (top === 'o') {
        const key = text.slice(i + 1, end === -1 ? text.length : end);
        if (end !== -1 || key.length > 0) {
          if (frames.length === 1 && head.topKeys.length < MAX_KEYS && end !== -1) head.topKeys.push(key);
          if (frames.length === innerDepth && !head.innerComplete && head.innerKeys !== null && end !== -1) {
            head.innerKeys.push(key);
          }
        }
        frames[frames.length - 1] = 'v';
      }
      if (end === -1) return head;
      i = end;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (c === 123 && frames[frames.length - 1] === 'a' && head.innerKeys === null) {
        head.innerKeys = [];
        innerDepth = frames.length + 1;
      }
      frames.push(c === 123 ? 'o' : 'a');
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (frames.length === innerDepth) head.innerComplete = true;
      frames.pop();
      if (frames.length === 0) {
        head.firstComplete = true;
        let j = i + 1;
        while (j < text.length && isSpace(text.charCodeAt(j))) j++;
        head.after = text.charAt(j);
        return head;
      }
    } else if (c === 44 /* , */ && frames[frames.length - 1] === 'v') {
      frames[frames.length - 1] = 'o';
    }
  }
  return head;
}

