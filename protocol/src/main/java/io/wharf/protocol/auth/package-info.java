/**
 * Identity and access in the protocol layer. Go here to change how a request proves who sent it
 * ({@link io.wharf.protocol.auth.SigV4Verifier}: SigV4 header and presigned forms, the 15-minute window, the credential
 * scope, the signature over {@link io.wharf.protocol.auth.CanonicalRequest}), where secrets come from
 * ({@link io.wharf.protocol.auth.CredentialStore}, implemented by IAM), what a caller may do
 * ({@link io.wharf.protocol.auth.AccessControl}). How each service words a failure is in
 * {@link io.wharf.protocol.AuthErrors}. Nothing here logs, and no message carries a secret or a signature.
 */
package io.wharf.protocol.auth;
