/**
 * What each cause means, in one line, for the reports. The codes are the stable contract (SPEC.md); these words
 * may change.
 * @module
 */
import type { Cause } from '../types.js';

/** How a report presents a cause. */
export interface CauseInfo {
  /** Short title. */
  title: string;
  /** One sentence: what happened. */
  meaning: string;
  /** refusal: the gateway refused; allowed: authorization passed; unknown: not enough lines to decide. */
  kind: 'refusal' | 'allowed' | 'unknown';
  /** Colour of the cause in the HTML timeline (CSS colour). */
  color: string;
}

/** Every cause's presentation. */
export const CAUSE_INFO: Readonly<Record<Cause, CauseInfo>> = {
  AUTHORIZER_EXPLICIT_DENY: {
    title: 'Authorizer policy denies',
    meaning: 'The policy the Lambda authorizer returned has a Deny statement covering the method ARN.',
    kind: 'refusal',
    color: '#c0392b',
  },
  AUTHORIZER_IMPLICIT_DENY: {
    title: 'Authorizer policy does not cover the method',
    meaning: 'The policy the Lambda authorizer returned for this request has no statement covering the method ARN.',
    kind: 'refusal',
    color: '#e67e22',
  },
  AUTHORIZER_CACHED_POLICY_DENY: {
    title: 'Cached authorizer policy does not cover the method',
    meaning:
      'The Lambda was not invoked (cache hit) and the policy cached for an earlier request does not cover this method ARN: the intermittent 403.',
    kind: 'refusal',
    color: '#8e44ad',
  },
  RESOURCE_POLICY_EXPLICIT_DENY: {
    title: 'Resource policy denies',
    meaning: "The API's resource policy explicitly denies the caller.",
    kind: 'refusal',
    color: '#2c3e50',
  },
  RESOURCE_POLICY_IMPLICIT_DENY: {
    title: 'Resource policy grants nothing',
    meaning: 'The resource policy grants nothing to the caller, and nothing else allowed the request.',
    kind: 'refusal',
    color: '#7f8c8d',
  },
  IDENTITY_SOURCE_MISSING: {
    title: 'Identity source missing',
    meaning: 'The token or identity sources were missing, null or failed the validation expression; the Lambda was not invoked.',
    kind: 'refusal',
    color: '#d4ac0d',
  },
  AUTHORIZER_UNAUTHORIZED: {
    title: 'Authorizer answered Unauthorized',
    meaning: 'The Lambda authorizer ran and answered Unauthorized (401).',
    kind: 'refusal',
    color: '#b7950b',
  },
  AUTHORIZER_CONFIGURATION_ERROR: {
    title: 'Authorizer configuration error',
    meaning: 'The authorizer could not be invoked or its answer was invalid (crash, null, unknown field, permissions, role).',
    kind: 'refusal',
    color: '#922b21',
  },
  OTHER_ACCESS_DENIAL: {
    title: 'Other access denial',
    meaning: 'A refusal not made by an authorizer or a resource policy (API key, WAF, missing route or token, SigV4).',
    kind: 'refusal',
    color: '#1f618d',
  },
  INCOMPLETE: {
    title: 'Incomplete trace',
    meaning: 'The trace lacks the lines needed to decide.',
    kind: 'unknown',
    color: '#aab7b8',
  },
  ALLOWED: {
    title: 'Allowed',
    meaning: 'Authorization passed (the request may still have failed later: see its status).',
    kind: 'allowed',
    color: '#27ae60',
  },
};
