/**
 * STS's actions, one class per action: who the caller is, temporary credentials (AssumeRole, GetSessionToken), and
 * the account an access key belongs to. The sessions themselves are the engine's ({@code Sessions}).
 */
package io.wharf.iam.sts;
