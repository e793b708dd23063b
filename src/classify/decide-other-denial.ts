import { describeRequest, readIds } from './describe.js';
import type { OtherDenialKind, Signals } from './read-signals.js';
import type { Rule } from './rule.js';
import { fixRedeploy } from './write-fixes.js';

/** A refusal by API key, WAF, a missing route or token, or SigV4: neither authorizer nor resource policy. */
export const decideOtherDenial: Rule = {
  name: 'other-denial',
  decide({ s }) {
    if (s.otherDenial === null || s.trace.executionStarted) return null;
    const { what, fix } = describeDenial(s, s.otherDenial);
    return {
      cause: 'OTHER_ACCESS_DENIAL',
      confidence: 'high',
      alternatives: [],
      reason: `${what} refused ${describeRequest(s)}, not an authorizer or resource policy`,
      fix,
      evidence: ['usagePlan', 'apiKeyError', 'gatewayResponseType', 'gatewayResponseBody', 'methodCompleted'],
    };
  },
};

/**
 * A refusal with no line naming who refused. A 403 ACCESS_DENIED without authorizer lines points at the resource
 * policy (or the caller's IAM policy); any other bare 403 at a control that logs nothing (WAF, API key, IAM).
 */
export const decideBareRefusal: Rule = {
  name: 'bare-refusal',
  decide({ s }) {
    if (s.trace.executionStarted || s.trace.authorizer !== null) return null;
    const type = s.trace.gatewayResponse?.type ?? null;
    if (type === 'ACCESS_DENIED') {
      return {
        cause: 'RESOURCE_POLICY_IMPLICIT_DENY',
        confidence: 'low',
        alternatives: ['RESOURCE_POLICY_EXPLICIT_DENY', 'OTHER_ACCESS_DENIAL'],
        reason: `${describeRequest(s)} got ACCESS_DENIED with no authorizer line: the resource policy (or the caller's IAM policy) refused it, the log does not say which statement`,
        fix: [`Read the API's resource policy: aws apigateway get-rest-api --rest-api-id ${readIds(s).api} --query policy --output text`],
        evidence: ['extendedRequestId', 'gatewayResponseType', 'gatewayResponseBody', 'methodCompleted'],
        resourcePolicy: 'implicit-deny',
      };
    }
    if (s.status !== 403) return null;
    return {
      cause: 'OTHER_ACCESS_DENIAL',
      confidence: 'low',
      alternatives: ['RESOURCE_POLICY_IMPLICIT_DENY', 'RESOURCE_POLICY_EXPLICIT_DENY'],
      reason: `${describeRequest(s)} was refused with 403 before any authorizer or integration line: a control that logs no reason (API key, WAF, missing route, IAM) or an unlogged resource-policy decision`,
      fix: ['Join the access log by request id: its $context.error.responseType names the gateway response (INVALID_API_KEY, WAF_FILTERED, MISSING_AUTHENTICATION_TOKEN, ACCESS_DENIED…)'],
      evidence: ['extendedRequestId', 'usagePlan', 'gatewayResponseType', 'gatewayResponseBody', 'methodCompleted'],
    };
  },
};

function describeDenial(s: Signals, kind: OtherDenialKind): { what: string; fix: string[] } {
  const id = readIds(s);
  switch (kind) {
    case 'api-key':
      return {
        what: 'The API key check',
        fix: [`Send an x-api-key header with an enabled key attached to a usage plan that includes stage ${id.api}/${id.stage}: aws apigateway get-usage-plans --query 'items[].{id:id,stages:apiStages}'`],
      };
    case 'waf':
      return {
        what: 'AWS WAF',
        fix: [`WAF is evaluated before every other control: find the blocking rule in the web ACL's sampled requests: aws wafv2 get-web-acl-for-resource --resource-arn arn:aws:apigateway:${id.region}::/restapis/${id.api}/stages/${id.stage}`],
      };
    case 'missing-token':
      return {
        what: 'Missing Authentication Token (no such method, or an unsigned call to an IAM-authorized one)',
        fix: [
          `Check that ${describeRequest(s)} exists as a method: aws apigateway get-resources --rest-api-id ${id.api} --query 'items[].{path:path,methods:resourceMethods}'`,
          fixRedeploy(s),
          'If the method uses AWS_IAM authorization, sign the request with SigV4',
        ],
      };
    case 'sigv4':
      return {
        what: 'SigV4 signature verification',
        fix: ['Sign the request with SigV4 using current credentials: check the clock skew, the region and service (execute-api) in the scope, and send X-Amz-Security-Token with temporary credentials'],
      };
  }
}
