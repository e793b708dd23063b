/**
 * JSON Schema (draft-07) of the answer a Lambda authorizer must return, as AWS documents it: `principalId`,
 * `policyDocument {Version, Statement[{Effect, Action|NotAction, Resource|NotResource, Condition?}]}`, optional
 * `context` of string/number/boolean values, optional `usageIdentifierKey`, and nothing else at the top level
 * (API Gateway's deserializer refuses unknown fields such as a crashed Lambda's `errorType`).
 *
 * @example
 * new Ajv().compile(AUTHORIZER_RESPONSE_SCHEMA)({ principalId: 'u', policyDocument: { Statement: [] } }) // true
 */
export const AUTHORIZER_RESPONSE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Lambda authorizer response',
  type: 'object',
  required: ['principalId', 'policyDocument'],
  additionalProperties: false,
  properties: {
    principalId: { type: 'string' },
    policyDocument: {
      type: 'object',
      required: ['Statement'],
      properties: {
        Version: { type: 'string' },
        // A list of statements, or (as IAM allows) one statement object.
        Statement: {
          type: ['array', 'object'],
          items: { $ref: '#/definitions/statement' },
          if: { type: 'object' },
          then: { $ref: '#/definitions/statement' },
        },
      },
    },
    context: {
      type: 'object',
      additionalProperties: { type: ['string', 'number', 'boolean'] },
    },
    usageIdentifierKey: { type: 'string' },
  },
  definitions: {
    stringOrList: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    statement: {
      type: 'object',
      required: ['Effect'],
      properties: {
        Sid: { type: 'string' },
        Effect: { enum: ['Allow', 'Deny'] },
        Action: { $ref: '#/definitions/stringOrList' },
        NotAction: { $ref: '#/definitions/stringOrList' },
        Resource: { $ref: '#/definitions/stringOrList' },
        NotResource: { $ref: '#/definitions/stringOrList' },
        Condition: { type: 'object' },
      },
      allOf: [
        { anyOf: [{ required: ['Action'] }, { required: ['NotAction'] }] },
        { anyOf: [{ required: ['Resource'] }, { required: ['NotResource'] }] },
      ],
    },
  },
} as const;
