/**
 * IAM's and STS's engine: accounts, users, groups, roles, access keys, inline and managed policies, tags, and STS
 * sessions; pure Java over the store ({@link io.wharf.iam.engine.IamStoreLayout}) with an injected clock. Go here to
 * change IAM semantics and limits ({@link io.wharf.iam.engine.IamLimits}), how identifiers encode their account
 * ({@link io.wharf.iam.engine.AccessKeyIds}) or what a session token carries.
 */
package io.wharf.iam.engine;
