/**
 * The API of the bundled samples: `a1b2c3d4e5/prod` in eu-west-1, its routes and authorizers, and the callers
 * of the incident. Every secret used here comes from `secrets.ts`.
 * @module
 */
import type { CallerProfile } from './authorizer-cache.js';
import type { PolicyKind } from './policy.js';
import type { ApiTarget, AuthorizerSpec } from './request-spec.js';
import { SAMPLE_CONTEXT_TOKENS, SAMPLE_SESSION_IDS, SAMPLE_TENANT_IDS, SAMPLE_TOKENS } from './secrets.js';

export const SAMPLE_TARGET: ApiTarget = { apiId: 'a1b2c3d4e5', stage: 'prod', region: 'eu-west-1', accountId: '123456789012' };
export const SAMPLE_LOG_GROUP = 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod';
const FUNCTION = 'arn:aws:lambda:eu-west-1:123456789012:function:';

/** The TOKEN authorizer of the orders routes (a Node.js Lambda: compact JSON answers). */
export const ORDERS_AUTHORIZER: AuthorizerSpec = {
  id: 'tok4uz', type: 'TOKEN', lambdaArn: `${FUNCTION}orders-authorizer`, dialect: 'node', identityHeaders: ['Authorization'],
};

/** The REQUEST authorizer of `/reports` (a Java Lambda: pretty-printed answers, one event over many lines). */
export const REPORTS_AUTHORIZER: AuthorizerSpec = {
  id: 'req9qx', type: 'REQUEST', lambdaArn: `${FUNCTION}reports-authorizer`, dialect: 'jackson-pretty',
  identityHeaders: ['Authorization', 'X-Session-Id'],
};

/** A route of the API: template, integration, authorizer and a canned response. */
export interface Route {
  template: string;
  integration: string;
  authorizer: AuthorizerSpec | null;
}

export const ROUTES: readonly Route[] = [
  { template: '/orders', integration: `${FUNCTION}orders-api`, authorizer: ORDERS_AUTHORIZER },
  { template: '/orders/{orderId}', integration: `${FUNCTION}orders-api`, authorizer: ORDERS_AUTHORIZER },
  { template: '/orders/{orderId}/items', integration: `${FUNCTION}orders-api`, authorizer: ORDERS_AUTHORIZER },
  { template: '/orders/{orderId}/invoice', integration: `${FUNCTION}orders-api`, authorizer: ORDERS_AUTHORIZER },
  { template: '/catalog/items', integration: `${FUNCTION}catalog-api`, authorizer: ORDERS_AUTHORIZER },
  { template: '/catalog/items/{sku}', integration: `${FUNCTION}catalog-api`, authorizer: ORDERS_AUTHORIZER },
  { template: '/stores/{city}/orders', integration: `${FUNCTION}orders-api`, authorizer: ORDERS_AUTHORIZER },
  { template: '/reports/{reportId}', integration: `${FUNCTION}reports-api`, authorizer: REPORTS_AUTHORIZER },
  { template: '/partners/feeds', integration: `${FUNCTION}partners-api`, authorizer: ORDERS_AUTHORIZER },
  { template: '/health', integration: `${FUNCTION}orders-api`, authorizer: null },
  { template: '/internal/metrics', integration: `${FUNCTION}metrics-api`, authorizer: null },
];

/**
 * The route a concrete path belongs to (same segment count, literals equal, `{param}` matches anything).
 *
 * @example
 * routeOf('/orders/42').template; // '/orders/{orderId}'
 */
export function routeOf(path: string): Route {
  const segments = path.split('/');
  const route = ROUTES.find((r) => {
    const parts = r.template.split('/');
    return parts.length === segments.length && parts.every((p, i) => p.startsWith('{') || p === segments[i]);
  });
  if (route === undefined) throw new TypeError(`path: no route for ${path}`);
  return route;
}

/** A sample caller: its profile, the policy kind the authorizer gives it, and special treatment. */
export interface SampleCaller {
  profile: CallerProfile;
  /** The policy before and after the 09:20 deploy of the orders authorizer. */
  policy: PolicyKind;
  policyAfterDeploy?: PolicyKind;
  /** The resource policy denies its source IP (explicit deny before the authorizer). */
  blockedIp?: boolean;
  /** Its API key is not in any usage plan. */
  badApiKey?: boolean;
}

type Name = keyof typeof SAMPLE_TOKENS;
const bearer = (name: Name): string => `Bearer ${SAMPLE_TOKENS[name]}`;
/** The answer's context: a tenant id when the caller has one (see `SAMPLE_TENANT_IDS`). */
const contextOf = (name: Name): Partial<CallerProfile> => {
  const tenantId = SAMPLE_TENANT_IDS[name];
  return tenantId === undefined ? {} : { context: { tenantId } };
};
const customer = (name: Name, principalId: string, sourceIp: string, userAgent: string, extra: Partial<CallerProfile> = {}): SampleCaller => ({
  profile: { authorization: bearer(name), principalId, sourceIp, userAgent, ...contextOf(name), ...extra },
  policy: 'stage-wide',
  policyAfterDeploy: 'exact-method',
});
const other = (name: Name, principalId: string, policy: PolicyKind, sourceIp: string, userAgent: string, extra: Partial<CallerProfile> = {}): SampleCaller => ({
  profile: { authorization: bearer(name), principalId, sourceIp, userAgent, ...contextOf(name), ...extra },
  policy,
});

const IOS = 'ExampleShop-iOS/7.4.1 CFNetwork/1494.0.7 Darwin/23.4.0';
const WEB = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36';
const ANDROID = 'okhttp/4.12.0';
const items = (from: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `catalog/items/sku-${from + i}`);

/** The callers of the incident, by name. */
export const SAMPLE_CALLERS: Readonly<Record<string, SampleCaller>> = {
  alice: customer('alice', 'auth0|65f1c0de9a1b2c3d4e5f6071', '203.0.113.24', IOS),
  bob: customer('bob', 'auth0|65f1c11f0b2c3d4e5f607182', '203.0.113.77', WEB),
  kim: customer('kim', 'auth0|65f1c911839405162738495a', '192.0.2.145', ANDROID, {
    context: { tenantId: SAMPLE_TENANT_IDS.kim as string, internalToken: SAMPLE_CONTEXT_TOKENS.kim },
  }),
  lena: customer('lena', 'auth0|65f1ca2294051627384950ab', '192.0.2.201', IOS),
  mike: customer('mike', 'auth0|65f1cb33a5162738495061bc', '203.0.113.140', WEB),
  zoe: customer('zoe', 'customer/Zoë-Ångström', '192.0.2.18', WEB, {
    context: { tenantId: SAMPLE_TENANT_IDS.zoe as string, internalToken: SAMPLE_CONTEXT_TOKENS.zoe },
  }),
  carol: other('carol', 'auth0|65f1c2aa1c2d3e4f50617283', 'stage-wide', '198.51.100.10', WEB, {
    context: { tenantId: SAMPLE_TENANT_IDS.carol as string, internalToken: SAMPLE_CONTEXT_TOKENS.carol, admin: true },
  }),
  dave: other('dave', 'auth0|65f1c3bb2d3e4f5061728394', 'read-only', '198.51.100.11', WEB),
  sam: other('sam', 'auth0|65f1ce66d8495061728394ef', 'suspended', '203.0.113.9', ANDROID),
  erin: other('erin', 'partner|erin-logistics', 'wrong-stage', '198.51.100.60', 'Go-http-client/2.0'),
  frank: other('frank', 'auth0|65f1c4cc3e4f506172839405', 'wrong-account', '192.0.2.99', 'python-requests/2.32.3'),
  grace: other('grace', 'auth0|65f1c5dd4f50617283940516', 'per-item', '203.0.113.55', WEB, { items: items(1, 40) }),
  heidi: other('heidi', 'auth0|65f1c6ee5061728394051627', 'per-item', '203.0.113.56', WEB, { items: items(101, 40) }),
  ivan: other('ivan', 'auth0|65f1c7ff6172839405162738', 'stage-wide', '198.51.100.31', 'aws-sdk-java/2.25.60', {
    sessionId: SAMPLE_SESSION_IDS.ivan,
    context: { tenantId: SAMPLE_TENANT_IDS.ivan as string, internalToken: SAMPLE_CONTEXT_TOKENS.ivan },
  }),
  peggy: other('peggy', 'auth0|65f1cd55c7384950617283de', 'stage-wide', '198.51.100.32', 'aws-sdk-java/2.25.60', {
    sessionId: SAMPLE_SESSION_IDS.peggy,
  }),
  mallory: {
    ...other('mallory', 'partner|feeds-reseller-77', 'stage-wide', '198.51.100.77', 'Go-http-client/2.0', {
      apiKey: 'Zq7vK2mN9pR4sT6uW8xY1aB3cD5eF7gH9jL0nQ2r',
    }),
    badApiKey: true,
  },
  judy: other('judy', 'auth0|65f1c8007283940516273849', 'stage-wide', '192.0.2.33', ANDROID, { lambda: 'unauthorized' }),
  nina: other('nina', 'nina', 'stage-wide', '192.0.2.34', 'curl/8.5.0', { lambda: 'crash' }),
  oscar: other('oscar', 'auth0|65f1cc44b62738495061728d', 'stage-wide', '192.0.2.35', 'python-requests/2.32.3', {
    lambda: 'null-policy',
  }),
  scraper: { ...other('frank', 'n/a', 'stage-wide', '198.51.100.23', 'python-requests/2.31.0'), blockedIp: true },
  anonymous: {
    profile: { authorization: '', principalId: '', sourceIp: '203.0.113.200', userAgent: 'curl/8.5.0' },
    policy: 'stage-wide',
  },
  console: other('console', 'auth0|65f1cf77e950617283940501', 'stage-wide', '127.0.0.1', 'AWS Console', { lambda: 'unauthorized' }),
};
