/**
 * The policy engine: method ARNs, IAM resource matching, policy evaluation with explanations, salvage of
 * truncated authorizer answers and their validation. Plain pure functions.
 * @module
 */
export { parseMethodArn, formatMethodArn } from './parse-method-arn.js';
export { matchResource } from './match-resource.js';
export { explainResourceMiss } from './explain-resource-miss.js';
export { evaluatePolicy } from './evaluate-policy.js';
export { salvagePolicy } from './salvage-policy.js';
export { validateAuthorizerResponse } from './validate-authorizer-response.js';
export { AUTHORIZER_RESPONSE_SCHEMA } from './authorizer-response-schema.js';
export { widenResource } from './widen-resource.js';
export type {
  MethodArn, PolicyEvaluation, StatementEvaluation, SalvagedPolicy, AuthorizerResponseCheck,
} from './types.js';
