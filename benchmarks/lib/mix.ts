/**
 * The request mix of generated archives: Poisson arrivals, a pool of callers with sticky habits, an authorizer
 * cache with the default 300 s TTL, and every cause at a realistic rate (mostly ALLOWED). Each call to `next()`
 * returns the next request in start-time order, with the log stream that carries it.
 * @module
 */
import { createAuthorizerCache, type CallerProfile } from './authorizer-cache.js';
import { requiresApiKey } from './execution-lines.js';
import { makeExtendedRequestId } from './incident.js';
import type { PolicyKind } from './policy.js';
import type { Random } from './prng.js';
import { methodArnOf, type Outcome, type RequestSpec } from './request-spec.js';
import { REPORTS_AUTHORIZER, routeOf, SAMPLE_TARGET } from './sample-api.js';
import { makeContextToken, makeJwt, makeSecurityToken, makeSessionId } from './secrets.js';

interface Caller {
  profile: CallerProfile;
  policy: PolicyKind;
  lastPath: string;
}

/** Caller kinds and their share of new callers. */
const CALLER_KINDS: readonly (readonly [PolicyKind | 'unauthorized' | 'crash' | 'null-policy', number])[] = [
  ['stage-wide', 0.84], ['exact-method', 0.05], ['read-only', 0.05], ['per-item', 0.01], ['wrong-stage', 0.01],
  ['wrong-account', 0.005], ['suspended', 0.005], ['unauthorized', 0.02], ['crash', 0.006], ['null-policy', 0.004],
];

/** Paths by weight; `{n}` becomes a number, `{city}` a city (a few with non-ASCII names). */
const PATHS: readonly (readonly [string, number])[] = [
  ['GET /orders', 18], ['GET /orders/{n}', 30], ['GET /orders/{n}/items', 10], ['POST /orders', 8],
  ['DELETE /orders/{n}', 2], ['GET /catalog/items', 6], ['GET /catalog/items/sku-{n}', 10], ['GET /stores/{city}/orders', 1],
  ['GET /reports/q{n}', 4], ['GET /partners/feeds', 1], ['GET /health', 3], ['GET /internal/metrics', 0.6],
];
const CITIES = ['Lyon', 'Berlin', 'Madrid', 'Dublin', 'Porto', 'Milano', 'Gdansk', 'Leeds', 'Zürich', 'Kraków', 'Malmö', 'São-Paulo'];
const AGENTS = ['okhttp/4.12.0', 'ExampleShop-iOS/7.4.1 CFNetwork/1494.0.7 Darwin/23.4.0', 'python-requests/2.32.3', 'Go-http-client/2.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15'];
const NAMES = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Eva', 'Farid', 'Grete', 'Hugo', 'Inés', 'Jonas', 'Karin', 'Luca'];

/** Options of {@link createRequestMix}. */
export interface MixOptions {
  /** Epoch ms of the first request. */
  startTime: number;
  /** Mean arrivals per second (default 200: about 50 requests in flight). */
  ratePerSecond?: number;
  /** Number of log streams (default 8). */
  streams?: number;
}

/** A generated request and the index of its log stream. */
export interface MixedRequest {
  spec: RequestSpec;
  stream: number;
}

/**
 * Creates the mix. Deterministic for a given `random` state.
 *
 * @example
 * const mix = createRequestMix(createRandom(42), { startTime: Date.UTC(2026, 2, 14, 9) });
 * const { spec, stream } = mix.next();
 */
export function createRequestMix(random: Random, options: MixOptions): { streams: string[]; next(): MixedRequest } {
  const rate = options.ratePerSecond ?? 200;
  const streams = Array.from({ length: options.streams ?? 8 }, () => random.hex(32));
  const cache = createAuthorizerCache(300_000);
  const pool: Caller[] = [];
  let clock = options.startTime;
  let securityToken = makeSecurityToken(random);
  let tokenHour = Math.floor(clock / 3_600_000);

  const newCaller = (): Caller => {
    const kind = random.weighted(CALLER_KINDS);
    const name = random.pick(NAMES);
    const principalId = random.chance(0.003) ? `customer/${name}-${random.hex(6)}` : `auth0|${random.hex(24)}`;
    const token = makeJwt(random, { iss: 'https://auth.example-shop.test/', sub: principalId, aud: 'orders-api', exp: Math.floor(clock / 1000) + 3600 });
    const profile: CallerProfile = {
      authorization: `Bearer ${token}`, principalId, sourceIp: `203.0.${random.int(256)}.${random.int(256)}`,
      userAgent: random.pick(AGENTS), context: { tenantId: `tnt_${random.hex(12)}` },
    };
    if (random.chance(0.25)) profile.sessionId = makeSessionId(random);
    if (random.chance(0.1)) profile.context = { ...profile.context, internalToken: makeContextToken(random) };
    if (random.chance(0.02)) profile.apiKey = random.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 40);
    if (kind === 'unauthorized' || kind === 'crash' || kind === 'null-policy') profile.lambda = kind;
    if (kind === 'per-item') profile.items = Array.from({ length: 40 }, (_, i) => `catalog/items/sku-${i * 7 + 1}`);
    const policy: PolicyKind = profile.lambda === undefined ? (kind as PolicyKind) : 'stage-wide';
    return { profile, policy, lastPath: '' };
  };

  const choosePath = (caller: Caller): [string, string] => {
    if (caller.lastPath !== '' && random.chance(0.5)) return caller.lastPath.split(' ', 2) as [string, string];
    const [verb, template] = random.weighted(PATHS).split(' ', 2) as [string, string];
    const path = template
      .replace('{n}', String(random.between(1000, 9999)))
      .replace('{city}', random.chance(0.3) ? random.pick(CITIES.slice(8)) : random.pick(CITIES.slice(0, 8)));
    if (path.startsWith('/reports') && caller.profile.sessionId === undefined) return ['GET', '/orders'];
    return [verb, path];
  };

  return {
    streams,
    next() {
      clock += Math.max(1, Math.round(random.exponential(1000 / rate)));
      if (Math.floor(clock / 3_600_000) !== tokenHour) {
        tokenHour = Math.floor(clock / 3_600_000);
        securityToken = makeSecurityToken(random);
      }
      // The pool fills up over the first few thousand requests; then 8 % of requests come from a new caller
      // (a new token: a fresh authorizer call) replacing a random old one.
      let index = random.int(pool.length);
      if (pool.length === 0 || (pool.length < 600 && random.chance(0.3))) index = pool.push(newCaller()) - 1;
      else if (random.chance(0.08)) pool[index] = newCaller();
      const caller = pool[index] as Caller;
      const [verb, path] = choosePath(caller);
      caller.lastPath = `${verb} ${path}`;
      const route = routeOf(path);
      const missingToken = route.authorizer !== null && random.chance(0.008);
      const spec: RequestSpec = {
        requestId: random.uuid(), extendedRequestId: makeExtendedRequestId(random), startTime: clock, target: SAMPLE_TARGET,
        wording: '2026', verb, path, route: route.template, query: {},
        body: verb === 'POST' ? (random.chance(0.3) ? '{\n  "items": [\n    { "sku": "sku-17", "qty": 2 }\n  ]\n}' : '{"items":[{"sku":"sku-17","qty":2}]}') : '',
        authorizer: route.authorizer,
        caller: missingToken ? { ...caller.profile, authorization: '' } : caller.profile,
        outcome: 'allowed', cacheHit: false, answer: null, methodArnFirst: false, logDenyStatus: random.chance(0.3),
        xraySampled: random.chance(0.05), securityToken, integrationArn: route.integration,
        response: verb === 'POST' ? { status: 201, body: '{"id":"8008","status":"PENDING"}' } : { status: 200, body: `{"path":${JSON.stringify(path)},"ok":true}` },
        authorizerLatency: random.between(8, 220), integrationLatency: random.between(15, 450),
      };
      let outcome: Outcome = 'allowed';
      if (random.chance(0.003)) outcome = 'resource-policy-explicit-deny';
      else if (route.authorizer === null) outcome = route.template === '/health' ? 'allowed' : 'resource-policy-implicit-deny';
      else if (missingToken) outcome = 'identity-source-missing';
      else {
        const result = cache.resolve({
          requestId: spec.requestId, startTime: clock, authorizer: route.authorizer, caller: caller.profile, target: SAMPLE_TARGET,
          methodArn: methodArnOf(spec), policy: caller.policy, authorizerLatency: spec.authorizerLatency,
          invokeFails: route.authorizer === REPORTS_AUTHORIZER && random.chance(0.02),
        });
        ({ outcome } = result);
        spec.cacheHit = result.cacheHit;
        spec.answer = result.answer;
      }
      if (outcome === 'allowed' && requiresApiKey(route.template) && caller.profile.apiKey === undefined) outcome = 'api-key-refused';
      else if (outcome === 'allowed' && route.authorizer !== null && random.chance(0.004)) outcome = 'allowed-integration-502';
      spec.outcome = outcome;
      return { spec, stream: random.int(streams.length) };
    },
  };
}
