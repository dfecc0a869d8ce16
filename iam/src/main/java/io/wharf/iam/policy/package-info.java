/**
 * The IAM policy language: documents parsed and validated as IAM validates them, and the evaluator that decides a
 * request by AWS's documented logic (explicit deny, then identity and resource policies, same- or cross-account).
 */
package io.wharf.iam.policy;
