import { capitalise, describeAuthorizer, describeRequest } from './describe.js';
import type { Signals } from './read-signals.js';
import type { Rule } from './rule.js';
import { fixLambdaLogs, fixLambdaPermission, fixShowAuthorizer } from './write-fixes.js';

/**
 * The authorizer phase failed (500): `Execution failed due to configuration error: <reason>` before `Starting
 * execution`, `AuthorizerConfigurationException`, or a 500 gateway response of the authorizer. The reason
 * names the fix; a logged result body is checked against the documented response shape to say what was wrong.
 */
export const decideAuthorizerError: Rule = {
  name: 'authorizer-configuration-error',
  decide({ s }) {
    if (!s.authorizerFailed || s.trace.executionStarted) return null;
    const reason = s.authorizerError;
    return {
      cause: 'AUTHORIZER_CONFIGURATION_ERROR',
      // Without the reason line we only know that something in the authorizer phase failed.
      confidence: reason === null ? 'medium' : 'high',
      alternatives: [],
      reason: reason === null
        ? `${capitalise(describeAuthorizer(s))} failed on ${describeRequest(s)} (500) without logging why`
        : `${capitalise(describeAuthorizer(s))} could not be used for ${describeRequest(s)}: ${reason}`,
      fix: fixesFor(s, reason ?? ''),
      evidence: ['authorizerStart', 'authorizerResult', 'authorizerConfigurationError', 'authorizerError', 'gatewayResponseType', 'methodCompleted'],
    };
  },
};

function fixesFor(s: Signals, reason: string): string[] {
  const lambdaArn = s.trace.authorizer?.lambdaArn ?? null;
  const fixes: string[] = [];
  if (reason.includes('"errorType"') || reason.includes('"errorMessage"')) {
    fixes.push('The Lambda crashed or threw an error other than "Unauthorized", and API Gateway received its error object: fix the exception, and throw exactly "Unauthorized" to refuse with a 401');
    fixes.push(fixLambdaLogs(lambdaArn));
  } else if (reason.includes('Unrecognized field')) {
    fixes.push('The Lambda answered with a field an authorizer may not return (e.g. a proxy-style statusCode/body): return only principalId, policyDocument, context and usageIdentifierKey');
  } else if (reason.includes('Could not parse policy')) {
    fixes.push('The Lambda returned null or a policy API Gateway cannot read: return {"principalId": "…", "policyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "…"}]}}');
    fixes.push(fixLambdaLogs(lambdaArn));
  } else if (reason.includes('Invalid permissions on Lambda function')) {
    fixes.push(fixLambdaPermission(s));
  } else if (reason.includes('permission to assume')) {
    const role = roleIn(reason);
    fixes.push(`Let API Gateway assume the authorizer's invocation role: its trust policy must allow apigateway.amazonaws.com to call sts:AssumeRole, and the role must allow lambda:InvokeFunction on the authorizer: aws iam get-role --role-name ${role} --query Role.AssumeRolePolicyDocument`);
  } else {
    fixes.push(fixShowAuthorizer(s));
    fixes.push(fixLambdaLogs(lambdaArn));
  }
  for (const error of s.freshCheck?.errors ?? []) fixes.push(`The answer does not match the authorizer response format: ${error}`);
  return fixes;
}

/** The role name in `… assume the provided role arn:aws:iam::1:role/name`, or a placeholder. */
function roleIn(reason: string): string {
  const at = reason.indexOf(':role/');
  if (at < 0) return '<role-name>';
  const rest = reason.slice(at + ':role/'.length);
  const end = rest.search(/[\s,]/);
  const path = end < 0 ? rest : rest.slice(0, end);
  return path.slice(path.lastIndexOf('/') + 1) || '<role-name>';
}
