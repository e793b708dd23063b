import { decideAllowedAfterExecution, decideAllowedByStatus } from './decide-allowed.js';
import { decideAuthorizerError } from './decide-authorizer-error.js';
import { decideIncomplete } from './decide-incomplete.js';
import { decideBareRefusal, decideOtherDenial } from './decide-other-denial.js';
import { decideAuthorizerRefusal, decidePolicyInferred } from './decide-policy-deny.js';
import { decideResourcePolicy } from './decide-resource-policy.js';
import { decideUnauthorized } from './decide-unauthorized.js';
import type { Rule } from './rule.js';

/**
 * The decision table, most decisive evidence first; the first rule that returns a verdict wins.
 * - Reaching the integration beats everything: whatever failed after it, authorization passed.
 * - A logged authorizer failure, resource-policy refusal or 401 names its cause outright.
 * - An authorizer's refusal line comes before the API key check's (that check runs after the authorizer).
 * - Then what the policy alone implies, a success status, a bare refusal, and, when nothing fits, INCOMPLETE.
 */
export const RULES: readonly Rule[] = [
  decideAllowedAfterExecution,
  decideAuthorizerError,
  decideResourcePolicy,
  decideUnauthorized,
  decideAuthorizerRefusal,
  decideOtherDenial,
  decidePolicyInferred,
  decideAllowedByStatus,
  decideBareRefusal,
  decideIncomplete,
];
