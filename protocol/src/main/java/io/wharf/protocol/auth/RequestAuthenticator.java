package io.wharf.protocol.auth;

import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.wire.WireRequest;

import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Turns a request into an {@link Authentication}, by the server's {@link AuthMode}:
 * <ul>
 *   <li>{@code OFF}: nothing is verified. A key the {@link CredentialStore} knows acts as its principal; a key of
 *       exactly 12 digits acts as the root of that account (several accounts on one server, as LocalStack does); any
 *       other key, or none, as the root of the default account.</li>
 *   <li>{@code VERIFY} and {@code ENFORCE}: the signature is verified; a request without one is refused, except for
 *       operations a service lets anyone call with proof in their parameters, which act as
 *       {@link Principal#anonymous()}.</li>
 * </ul>
 * In every mode the credential scope's region must look like an AWS region, so it cannot smuggle text into ARNs; the
 * refusal is the verifier's own (SignatureDoesNotMatch, "Credential should be scoped to a valid region, not '…'. ").
 */
public final class RequestAuthenticator {
    private static final Pattern ACCOUNT_KEY = Pattern.compile("\\d{12}");

    private final AuthMode mode;
    private final CredentialStore credentials;
    private final SigV4Verifier verifier;
    private final String defaultAccountId;
    private final String defaultRegion;
    private final Clock clock;

    public RequestAuthenticator(AuthMode mode, CredentialStore credentials, SigV4Verifier verifier,
                                String defaultAccountId, String defaultRegion, Clock clock) {
        this.mode = mode;
        this.credentials = credentials;
        this.verifier = verifier;
        this.defaultAccountId = defaultAccountId;
        this.defaultRegion = defaultRegion;
        this.clock = clock;
    }

    /** Off mode without IAM: any credentials, 12-digit keys name their account. */
    public static RequestAuthenticator off(String defaultAccountId, String defaultRegion) {
        return new RequestAuthenticator(AuthMode.OFF, null, null, defaultAccountId, defaultRegion, Clock.systemUTC());
    }

    public AuthMode mode() {
        return mode;
    }

    /**
     * @param credential        the request's credential scope as {@link SigV4#identify} read it, or null when unsigned
     * @param service           the model of the service the request is for (signing name and signing rules)
     * @param anonymousAllowed  whether the operation may be called without credentials (its parameters are the proof)
     * @param anonymousByPolicy whether an unsigned call is an anonymous caller that policies decide on (SQS)
     */
    public Authentication authenticate(WireRequest request, Credential credential, ServiceModel service,
                                       boolean anonymousAllowed, boolean anonymousByPolicy) {
        String region = credential == null || credential.region().equals(Regions.GLOBAL) ? defaultRegion
                : credential.region();
        if (credential != null && !Regions.valid(credential.region())) {
            throw new AuthException(AuthFailure.SIGNATURE_DOES_NOT_MATCH, "Credential should be scoped to a valid "
                    + "region, not '" + credential.region() + "'. ");
        }
        if (!mode.verifiesSignatures()) {
            return new Authentication(unverified(request, credential), region);
        }
        if (credential == null) {
            if (anonymousAllowed || anonymousByPolicy && mode.evaluatesPolicies()) {
                return new Authentication(Principal.anonymous(), region);
            }
            throw AuthException.missing();
        }
        SigV4Verifier.Verified verified = verifier.verify(request, service.signingName(), credentials,
                SigningRules.of(service));
        return new Authentication(verified.principal(), region, verified.chunkSigning());
    }

    /**
     * As {@link #authenticate(WireRequest, Credential, ServiceModel, boolean, boolean)}, for S3: a request without a
     * SigV4 credential may carry a Version 2 presigned signature ({@link SigV2Presigned}), checked over
     * {@code resourcePath} (the raw path with the bucket in front) where signatures are verified.
     */
    public Authentication authenticateS3(WireRequest request, Credential credential, ServiceModel service,
                                         boolean anonymousAllowed, boolean anonymousByPolicy, String resourcePath) {
        if (credential != null || !SigV2Presigned.present(request)) {
            return authenticate(request, credential, service, anonymousAllowed, anonymousByPolicy);
        }
        if (!mode.verifiesSignatures()) {
            return new Authentication(unverified(request, new Credential(SigV2Presigned.accessKeyId(request), "",
                    defaultRegion, service.signingName())), defaultRegion);
        }
        return new Authentication(SigV2Presigned.verify(request, resourcePath, credentials, clock.instant()),
                defaultRegion);
    }

    private Principal unverified(WireRequest request, Credential credential) {
        String key = credential == null ? null : credential.accessKeyId();
        if (key == null) {
            return Principal.root(defaultAccountId, null);
        }
        if (credentials != null) {
            String token = request.header("x-amz-security-token");
            if (token == null) {
                token = request.firstQuery("X-Amz-Security-Token");
            }
            Principal known = credentials.knownPrincipal(key, token, clock.instant());
            if (known != null) {
                return known;
            }
        }
        return Principal.root(ACCOUNT_KEY.matcher(key).matches() ? key : defaultAccountId, key);
    }
}
