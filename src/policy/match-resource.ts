/**
 * IAM resource matching: `*` matches any run of characters (`/` and `:` included), `?` exactly one, everything
 * else itself, case-sensitively.
 *
 * Why not a regex or a recursive matcher: patterns and ARNs come from log text an attacker can shape, and a
 * `*a*a*a…` pattern makes naive backtracking exponential. This is the classic two-pointer scan that remembers
 * only the last `*`: on a mismatch it lets that star swallow one more character and retries. Earlier stars never
 * need revisiting (the last star can absorb anything they could), so the work is at most O(n·m) and usually O(n+m).
 * Characters are UTF-16 code units; ARNs are ASCII in practice.
 *
 * @param pattern - a policy `Resource` (IAM allows up to 512 characters).
 * @param value - the request's method ARN.
 * @example
 * matchResource('arn:aws:execute-api:us-east-1:*:abc/prod/*', 'arn:aws:execute-api:us-east-1:1:abc/prod/GET/a/b') // true
 * matchResource('arn:aws:execute-api:*:*:abc/prod/ANY/*', 'arn:aws:execute-api:eu-west-1:1:abc/prod/GET/x')      // false: ANY is literal
 */
export function matchResource(pattern: string, value: string): boolean {
  return countMatchSteps(pattern, value).matched;
}

/**
 * {@link matchResource} that also reports how many loop steps it took: the tests hold the matcher to a step
 * budget on adversarial inputs. Not part of the public API.
 */
export function countMatchSteps(pattern: string, value: string): { matched: boolean; steps: number } {
  const STAR = 42; // '*'
  const QUESTION = 63; // '?'
  const n = pattern.length;
  const m = value.length;
  let p = 0;
  let v = 0;
  let starAt = -1; // index of the last '*' seen in the pattern
  let starFrom = 0; // value index that star currently starts absorbing from
  let steps = 0;
  while (v < m) {
    steps++;
    const c = p < n ? pattern.charCodeAt(p) : -1;
    if (c === STAR) {
      starAt = p++;
      starFrom = v;
    } else if (c !== -1 && (c === QUESTION || c === value.charCodeAt(v))) {
      p++;
      v++;
    } else if (starAt >= 0) {
      p = starAt + 1;
      v = ++starFrom;
    } else {
      return { matched: false, steps };
    }
  }
  while (p < n && pattern.charCodeAt(p) === STAR) {
    steps++;
    p++;
  }
  return { matched: p === n, steps };
}
