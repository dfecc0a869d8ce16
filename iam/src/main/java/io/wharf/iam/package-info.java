/**
 * AWS IAM and STS: the identities of each account (root, users, groups, roles), their access keys and policies,
 * temporary credentials from STS, and the policy language every call is authorised by. The gateway reaches this module
 * only through the protocol layer's {@code CredentialStore} and {@code AccessControl} interfaces.
 */
package io.wharf.iam;
