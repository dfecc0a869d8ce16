package io.wharf.protocol.auth;

import io.wharf.protocol.wire.WireRequest;

/** Checks a request's SigV4 signature and says who signed it. */
@FunctionalInterface
public interface SignatureVerifier {
    /**
     * @param expectedService the signing name of the service the request is for ({@code sqs}, {@code kinesis}…)
     * @throws AuthException when the request is not signed, or not signed right, by a key {@code credentials} knows
     */
    Principal verify(WireRequest request, String expectedService, CredentialStore credentials);
}
