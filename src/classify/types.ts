import type { SalvagedPolicy } from '../policy/index.js';
import type { Cause, Confidence, EvidenceLine, LineMark, PolicyDecision } from '../types.js';

/** Options of {@link classifyTrace} and {@link createClassifier}. */
export interface ClassifyOptions {
  /** Authorizer cache TTL assumed when correlating cache hits, in seconds, 0–3600. Default 300 (API Gateway's). */
  ttlSeconds?: number;
  /** Redact secrets in evidence, identities and explanations. Default true. */
  redact?: boolean;
  /** Cache hits held while waiting for their origin (input not time-sorted). Default 10,000; 0 holds none. */
  maxPending?: number;
  /** Fresh policies remembered as possible cache origins. Default 20,000; 0 remembers none. */
  maxOrigins?: number;
  /**
   * Hold every refused cache hit until {@link Classifier.flush} (or until `maxPending` newer ones wait) and name
   * the latest qualifying origin of all seen by then, instead of the first one at hand: the records then do not
   * depend on the order traces arrive in. Default false (each hit is written as soon as an origin explains it).
   * `analyze` sets it when it reads more than one input, whose traces arrive in an order that changes with the
   * number of threads and their timing.
   */
  settleHitsAtFlush?: boolean;
}

/** A fresh authorizer answer that API Gateway may have cached: what a later cache hit is re-evaluated with. */
export interface CachedOrigin {
  requestId: string;
  /** Event time (epoch ms) of the request that produced the policy, or null when the log has no times. */
  time: number | null;
  /** The file its lines came from. */
  file: string;
  authorizerId: string | null;
  authorizerType: 'TOKEN' | 'REQUEST' | null;
  lambdaArn: string | null;
  apiId: string | null;
  stage: string | null;
  /** The masked identity (the cache key as logged), or null. */
  identity: string | null;
  /** The masked principal, or null. */
  principal: string | null;
  /** The method ARN the policy was returned for. */
  methodArn: string | null;
  policy: SalvagedPolicy;
  /** Its `Authorizer result body` line, unredacted (redacted when it becomes evidence). */
  evidence: EvidenceLine | null;
  /**
   * The result body {@link policy} was salvaged from, and whether the log cut it: the origin store keeps these
   * instead of the parsed policy, and salvages again when a hit needs it (see origin-store.ts).
   */
  body?: string | null;
  truncated?: boolean;
}

/** The outcome of one decision rule: everything of a record that is not copied from the trace. */
export interface Verdict {
  cause: Cause;
  confidence: Confidence;
  alternatives: Cause[];
  reason: string;
  fix: string[];
  /** The lines that decided, by mark. */
  evidence: LineMark[];
  missing?: string[];
  resourcePolicy?: 'explicit-deny' | 'implicit-deny';
  /** The cached policy and its verdict, for the authorizer block (a fresh policy is read from the signals). */
  policy?: PolicyView;
  origin?: CachedOrigin;
}

/** A policy and its verdict on this request's ARN. */
export interface PolicyView {
  salvaged: SalvagedPolicy;
  decision: PolicyDecision | null;
  matched: { index: number; effect: string; action: string[]; resource: string[] } | null;
  explanation: string[];
}
