package io.wharf.console.view;

/**
 * What every page shows around its content: the title, the account and region it is about, who is signed in, the
 * CSRF token its forms carry, and a notice or an error.
 *
 * @param scope         {@code account=…&region=…}, kept on every link (already URL-encoded)
 * @param signedInAs    the principal's ARN when sign-in is on, else null
 * @param accountFixed  true when the account is the signed-in principal's and cannot be switched
 * @param flashIsError  the notice is an action's error (a denial), shown as one
 */
public record Chrome(String title, String section, String scope, String account, String region, String signedInAs,
                     boolean accountFixed, String csrf, String flash, boolean flashIsError, String error) {
}
