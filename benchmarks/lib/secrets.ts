/**
 * Fake secrets, realistic in shape, so redaction can be tested on the bundled samples: JWT bearer tokens,
 * an STS `X-Amz-Security-Token`, session-id headers and authorizer `context` values. None is real.
 *
 * Every secret written into `samples/` is in {@link SECRETS}; {@link findSecretLeaks} tells whether a report
 * reprints any of them (or a long enough piece of one).
 * @module
 */
import { createRandom, type Random } from './prng.js';
import { encodeBase64Url } from './text.js';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * A JWT-shaped token `header.payload.signature`: ES256 (86-character signature) or RS256 (342). Not signed by
 * anything.
 *
 * @example
 * makeJwt(createRandom(1), { sub: 'user-1' }).startsWith('eyJ'); // true
 */
export function makeJwt(random: Random, claims: Record<string, unknown>, alg: 'ES256' | 'RS256' = 'ES256'): string {
  const header = encodeBase64Url(JSON.stringify({ alg, typ: 'JWT', kid: 'trace403-fake-key-1' }));
  const signature = random.chars(BASE64URL, alg === 'ES256' ? 86 : 342);
  return `${header}.${encodeBase64Url(JSON.stringify(claims))}.${signature}`;
}

/** An STS session token as API Gateway forwards it to Lambda (`IQoJb3JpZ2luX2Vj…`, about 1,100 characters). */
export function makeSecurityToken(random: Random): string {
  return `IQoJb3JpZ2luX2VjE${random.chars(BASE64, 2)}//////////wEaCWV1LXdlc3QtMSJH${random.chars(BASE64, 1060)}`;
}

/** An opaque session id as a REQUEST authorizer's second identity source. */
export function makeSessionId(random: Random): string {
  return `sess_${random.chars(BASE64URL.slice(0, 62), 40)}`;
}

/** An opaque internal token as authorizers put in `context` for the integration. */
export function makeContextToken(random: Random): string {
  return `itk_live_${random.chars(BASE64URL.slice(0, 62), 32)}`;
}

const random = createRandom(0x5ec2e7);
const ISSUER = 'https://auth.example-shop.test/';
const jwt = (sub: string, extra: Record<string, unknown> = {}, alg: 'ES256' | 'RS256' = 'ES256'): string =>
  makeJwt(random, { iss: ISSUER, sub, aud: 'orders-api', iat: 1773479000, exp: 1773482600, ...extra }, alg);

/** Bearer tokens of the sample callers, by name. */
export const SAMPLE_TOKENS = {
  alice: jwt('auth0|65f1c0de9a1b2c3d4e5f6071', { scope: 'orders:read orders:write' }),
  bob: jwt('auth0|65f1c11f0b2c3d4e5f607182', { scope: 'orders:read orders:write' }),
  carol: jwt('auth0|65f1c2aa1c2d3e4f50617283', { scope: 'orders:admin', role: 'admin' }),
  dave: jwt('auth0|65f1c3bb2d3e4f5061728394', { scope: 'orders:read', role: 'auditor' }),
  erin: jwt('partner|erin-logistics', { scope: 'orders:read', azp: 'partner-portal' }),
  frank: jwt('auth0|65f1c4cc3e4f506172839405', { scope: 'orders:read' }),
  grace: jwt('auth0|65f1c5dd4f50617283940516', { scope: 'catalog:read' }),
  heidi: jwt('auth0|65f1c6ee5061728394051627', { scope: 'catalog:read' }),
  ivan: jwt('auth0|65f1c7ff6172839405162738', { scope: 'reports:read' }),
  judy: jwt('auth0|65f1c8007283940516273849', { scope: 'orders:read', exp: 1773400000 }),
  kim: jwt('auth0|65f1c911839405162738495a', { scope: 'orders:read orders:write' }),
  lena: jwt('auth0|65f1ca2294051627384950ab', { scope: 'orders:read' }),
  mallory: jwt('partner|feeds-reseller-77', { scope: 'partners:feeds' }),
  // Enough claims to push `methodArn` past the 1024-byte cut when it comes after the token.
  mike: jwt('auth0|65f1cb33a5162738495061bc', {
    scope: 'orders:read orders:write catalog:read reports:read partners:feeds',
    groups: ['emea-sales', 'key-accounts', 'beta-testers', 'mobile-app'],
    'https://example-shop.test/claims/tenant': 'tnt_mike_enterprise_0042',
  }, 'RS256'),
  nina: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJuaW5hIn0.',
  oscar: jwt('auth0|65f1cc44b62738495061728d', { scope: 'orders:read', tenant: 'unknown' }),
  peggy: jwt('auth0|65f1cd55c7384950617283de', { scope: 'reports:read' }),
  sam: jwt('auth0|65f1ce66d8495061728394ef', { scope: 'orders:read', suspended: true }),
  zoe: jwt('customer/Zoë-Ångström', { scope: 'orders:read orders:write', name: 'Zoë Ångström' }),
  console: jwt('auth0|65f1cf77e950617283940501', { scope: 'orders:read' }),
} as const;

/** The STS session token API Gateway forwards to Lambda in the samples. */
export const SAMPLE_SECURITY_TOKEN = makeSecurityToken(random);

/** Session ids of the REQUEST-authorizer callers. */
export const SAMPLE_SESSION_IDS = { ivan: makeSessionId(random), peggy: makeSessionId(random) } as const;

/** `context.internalToken` values the authorizer returns (secrets: the integration uses them downstream). */
export const SAMPLE_CONTEXT_TOKENS = {
  carol: makeContextToken(random),
  ivan: makeContextToken(random),
  kim: makeContextToken(random),
  zoe: makeContextToken(random),
} as const;

/**
 * `context.tenantId` of the sample callers whose authorizer answer is logged whole (context values are secrets:
 * reports redact them all). Callers whose answer is never logged, or cut before its context, have none.
 */
export const SAMPLE_TENANT_IDS: Readonly<Partial<Record<keyof typeof SAMPLE_TOKENS, string>>> = Object.freeze(
  Object.fromEntries(
    (['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'ivan', 'kim', 'lena', 'mallory', 'mike', 'sam', 'zoe'] as const).map(
      (name) => [name, `tnt_${random.hex(12)}`],
    ),
  ),
);

/**
 * Every secret value written into `samples/`. Reports must not reprint any of them unless `--no-redact`.
 * Masked forms (stars plus the last 6 characters, as API Gateway logs them) are not secrets.
 */
export const SECRETS: readonly string[] = Object.freeze([
  ...Object.values(SAMPLE_TOKENS),
  SAMPLE_SECURITY_TOKEN,
  ...Object.values(SAMPLE_SESSION_IDS),
  ...Object.values(SAMPLE_CONTEXT_TOKENS),
  ...(Object.values(SAMPLE_TENANT_IDS) as string[]),
]);

/**
 * Returns the secrets of which `text` holds the whole value or any `window`-character piece. A piece that long
 * cannot come from API Gateway's masking (it keeps 6 characters) and is a leak. Pieces shared by several secrets
 * (the JWT header, the issuer claim) identify none and are ignored.
 *
 * @param window - shortest piece that counts as a leak; default 20.
 * @example
 * findSecretLeaks(report).length === 0; // nothing leaked
 */
export function findSecretLeaks(text: string, secrets: readonly string[] = SECRETS, window = 20): string[] {
  const owner = new Map<string, string | null>();
  const leaks = new Set<string>();
  for (const secret of secrets) {
    if (secret.length <= window) {
      if (text.includes(secret)) leaks.add(secret);
      continue;
    }
    for (let i = 0; i + window <= secret.length; i++) {
      const piece = secret.slice(i, i + window);
      const known = owner.get(piece);
      owner.set(piece, known === undefined || known === secret ? secret : null);
    }
  }
  for (let i = 0; i + window <= text.length; i++) {
    const secret = owner.get(text.slice(i, i + window));
    if (secret !== undefined && secret !== null) leaks.add(secret);
  }
  return [...leaks];
}
