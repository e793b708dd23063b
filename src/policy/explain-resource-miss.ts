import { matchResource } from './match-resource.js';
import { ARN_PIECES, splitArn, type ArnPiece } from './parse-method-arn.js';

/**
 * Says which part of the request's ARN a policy `Resource` fails to cover, as one clause:
 * `Resource arn:…/dev/GET/pets covers stage "dev", request is stage "prod"`.
 *
 * The pattern is split like an ARN and compared piece by piece (its last piece against the rest of the request
 * ARN, so a trailing `*` absorbs what follows). A `*` inside a piece can in principle span separators; the
 * whole-ARN match decided the verdict before this is called, this only names the likely culprit, and falls back
 * to "does not match" when no single piece is to blame.
 *
 * @param pattern - a Resource that does not match.
 * @param requestArn - the request's method ARN.
 * @example
 * explainResourceMiss('arn:aws:execute-api:us-east-1:1:abc/dev/GET/pets', 'arn:aws:execute-api:us-east-1:1:abc/prod/GET/pets')
 * // 'Resource arn:aws:execute-api:us-east-1:1:abc/dev/GET/pets covers stage "dev", request is stage "prod"'
 */
export function explainResourceMiss(pattern: string, requestArn: string): string {
  const head = `Resource ${pattern}`;
  if (!pattern.startsWith('arn:') && pattern !== '*') return `${head} is not an execute-api ARN`;
  const want = splitArn(pattern);
  const have = splitArn(requestArn);
  if (have.length < ARN_PIECES.length) return `${head} does not match ${requestArn}`;
  const differs: Array<{ index: number; pattern: string; request: string }> = [];
  let endsEarly = -1;
  for (let i = 0; i < want.length; i++) {
    const piece = want[i] as ArnPiece;
    const own = (have[i] as ArnPiece).text;
    const last = i === want.length - 1;
    if (last && i < have.length - 1) {
      // The pattern stops here: its last piece must cover the whole rest of the request ARN.
      const rest = requestArn.slice((have[i] as ArnPiece).start);
      if (matchResource(piece.text, rest)) continue;
      if (matchResource(piece.text, own)) endsEarly = i;
      else differs.push({ index: i, pattern: piece.text, request: own });
    } else if (!matchResource(piece.text, own)) {
      differs.push({ index: i, pattern: piece.text, request: own });
    }
  }
  if (differs.length > 0) {
    const covers = differs.map((d) => `${ARN_PIECES[d.index]} ${quotePiece(d.index, d.pattern)}`).join(' and ');
    const is = differs.map((d) => `${ARN_PIECES[d.index]} ${quotePiece(d.index, d.request)}`).join(' and ');
    return `${head} covers ${covers}, request is ${is}${hintFor(differs)}`;
  }
  if (endsEarly >= 0) {
    const missing = ARN_PIECES.slice(endsEarly + 1).join(' or ');
    return `${head} ends after the ${ARN_PIECES[endsEarly]}: it covers no ${missing} (end it with /* to cover them)`;
  }
  return `${head} does not match ${requestArn}`;
}

function quotePiece(index: number, text: string): string {
  // Paths read better with their leading slash: "/pets/42", and "/" for the root.
  return JSON.stringify(ARN_PIECES[index] === 'path' ? `/${text}` : text);
}

function hintFor(differs: Array<{ index: number; pattern: string; request: string }>): string {
  for (const d of differs) {
    if (ARN_PIECES[d.index] === 'verb' && d.pattern === 'ANY') {
      return ' (ANY in a policy ARN is a literal, not a wildcard: use *)';
    }
    if (matchResource(d.pattern.toLowerCase(), d.request.toLowerCase())) return ' (ARN matching is case-sensitive)';
  }
  return '';
}
