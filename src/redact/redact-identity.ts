/**
 * Redacts an authorizer identity (the `Incoming identity` value): kept when API Gateway masked it, masked here when
 * it did not (the console's test invoke and hand-made logs show raw tokens).
 * @module
 */
import { isMaskedRange } from './is-masked.js';
import { redactText } from './redact-text.js';

const STARS = '************';

/**
 * Masks one identity value except its last 4 characters (fewer for short values: a quarter of the length), the
 * way API Gateway does. A REQUEST authorizer's map form `{method.request.header.X=v, …}` is masked value by value.
 * Already masked values (leading `*`) and `null` are kept.
 * @example redactIdentity('************abc123') // '************abc123'
 * @example redactIdentity('my-secret-token-1234') // '************1234'
 */
export function redactIdentity(identity: string): string {
  if (identity.startsWith('{')) return redactIdentityMap(identity);
  return maskValue(identity);
}

function maskValue(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === 'null' || isMaskedRange(trimmed, 0, trimmed.length)) return value;
  const visible = Math.min(4, Math.floor(trimmed.length / 4));
  return STARS.slice(0, Math.max(4, Math.min(STARS.length, trimmed.length - visible))) + trimmed.slice(trimmed.length - visible);
}

/** `{k=v, k2=v2}`, possibly cut at the end: masks each value after its first `=`. */
function redactIdentityMap(identity: string): string {
  const closed = identity.endsWith('}');
  const inner = identity.slice(1, closed ? -1 : undefined);
  const masked = inner.split(', ').map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? redactText(pair) : pair.slice(0, eq + 1) + maskValue(pair.slice(eq + 1));
  });
  return `{${masked.join(', ')}${closed ? '}' : ''}`;
}
