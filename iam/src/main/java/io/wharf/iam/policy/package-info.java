/**
 * The IAM policy language: documents parsed and validated as IAM validates them, and the evaluator that decides a
 * request by AWS's documented logic (explicit deny, then identity and resource policies, same- or cross-account,
 * session policies).
 *
 * <p>Go here to change: what a policy may say and IAM's refusals ({@link io.wharf.iam.policy.PolicyParser},
 * {@link io.wharf.iam.policy.ResourceFormat}); who a Principal names ({@link io.wharf.iam.policy.PrincipalSpec});
 * condition operators ({@link io.wharf.iam.policy.Condition}, {@link io.wharf.iam.policy.ConditionOperator}); the
 * condition keys the evaluator supplies ({@link io.wharf.iam.policy.EvaluationContext}); wildcards and variables
 * ({@link io.wharf.iam.policy.Glob}, {@link io.wharf.iam.policy.Template}); the decision itself
 * ({@link io.wharf.iam.policy.PolicyEvaluator}).
 */
package io.wharf.iam.policy;
