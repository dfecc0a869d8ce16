package io.wharf.protocol.auth;

import io.wharf.protocol.Hashes;

import io.wharf.protocol.wire.WireRequest;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Verifies AWS Signature Version 4, as AWS does: the {@code Authorization} header or the presigned query, the date
 * and its 15-minute window, the credential scope, the session token, and the signature over the canonical request.
 * Pure (no I/O, no logging); time comes from the clock.
 *
 * <p>The checks run in the order AWS runs them, each failing with AWS's wording (scratchstack's "AWS Auth Error
 * Ordering"): neither or both forms (5); the form's parameters (6, 7); {@code host} signed (8); the date's format (9);
 * the 15-minute window (10, 11); the scope's shape (12) and content (13); the session token and the key, in the
 * {@link CredentialStore} (14, 15); the signature (16). A presigned URL for S3 ({@link SigningRules#honourExpires()})
 * is held to {@code X-Amz-Expires} instead of the window; any other presigned URL to both: AWS's services keep them
 * to the ±15-minute window, and a shorter {@code X-Amz-Expires} (1 to 604800) ends them earlier.
 *
 * <p>Cost per request: one SHA-256 of the body (none for {@code UNSIGNED-PAYLOAD}), one of the canonical request, one
 * HMAC with a cached signing key ({@link SigningKeys}), and the canonical request string.
 */
public final class SigV4Verifier {
    /** How far a request's date may be from now (the AWS docs' RequestExpired: "more than 15 minutes"). */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    /** The longest a presigned S3 URL may live: a week. */
    public static final long MAX_EXPIRES_SECONDS = 604_800;

    private static final HexFormat HEX = HexFormat.of();
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** The aws-chunked payloads S3 accepts: chunk-signed, chunk-signed with a signed trailer, unsigned with a trailer. */
    static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    /** Who signed a verified request. */
    public record Verified(Credential credential, Principal principal, boolean presigned, String sessionToken,
                           ChunkSigning chunkSigning) {

        public Verified(Credential credential, Principal principal, boolean presigned, String sessionToken) {
            this(credential, principal, presigned, sessionToken, null);
        }
    }

    private final Clock clock;
    private final SigningKeys signingKeys = new SigningKeys();

    public SigV4Verifier(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@link #verify(WireRequest, String, CredentialStore, SigningRules)} with the rules of every service but S3. */
    public Verified verify(WireRequest request, String expectedService, CredentialStore credentials) {
        return verify(request, expectedService, credentials, SigningRules.QUERY);
    }

    /**
     * Verifies the request's signature for a service whose SigV4 signing name is {@code expectedService}.
     *
     * @return who signed it
     * @throws AuthException with AWS's wording when the request is not signed, or not signed right
     */
    public Verified verify(WireRequest request, String expectedService, CredentialStore credentials, SigningRules rules) {
        SignatureParameters parameters = SignatureParameters.read(request, rules);
        List<String> signedHeaders = signedHeaders(parameters.signedHeaders());
        if (!signedHeaders.contains("host") && !signedHeaders.contains(":authority")) {
            throw new AuthException(AuthFailure.SIGNATURE_DOES_NOT_MATCH,
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        AmzDate date = AmzDate.parse(parameters.date());
        if (date == null) {
            throw AuthException.incomplete("Date must be in ISO-8601 'basic format'. Got '" + parameters.date()
                    + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        Instant now = clock.instant();
        if (parameters.presigned() && rules.honourExpires()) {
            checkExpires(parameters.expires(), date, now);
        } else {
            checkWindow(date, now);
            if (parameters.presigned() && parameters.expires() != null) {
                // Outside S3 AWS holds presigned URLs to the 15-minute window whatever X-Amz-Expires says; Wharf
                // also holds them to a shorter X-Amz-Expires, the signer's own limit (the safer reading).
                checkExpires(parameters.expires(), date, now);
            }
        }
        Credential credential = scope(parameters.credential(), expectedService, date);
        CredentialStore.SigningIdentity identity =
                credentials.find(credential.accessKeyId(), parameters.sessionToken(), now);

        String payloadHash = payloadHash(request, rules, parameters.presigned());
        String canonicalRequest = CanonicalRequest.build(request, rules, parameters.presigned(), signedHeaders,
                payloadHash);
        String scope = credential.date() + "/" + credential.region() + "/" + credential.service() + "/aws4_request";
        String stringToSign = SignatureParameters.ALGORITHM + "\n" + date.basic() + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        Mac signer = signingKeys.signer(parameters.credential(), identity.secretAccessKey(), credential.date(),
                credential.region(), credential.service());
        byte[] expected = HEX.formatHex(signer.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parameters.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw AuthException.signatureDoesNotMatch(canonicalRequest, stringToSign);
        }
        ChunkSigning chunkSigning = null;
        if (payloadHash.equals(STREAMING_SIGNED) || payloadHash.equals(STREAMING_SIGNED_TRAILER)) {
            chunkSigning = new ChunkSigning(signingKeys.signer(parameters.credential(), identity.secretAccessKey(),
                    credential.date(), credential.region(), credential.service()), date.basic(), scope,
                    parameters.signature(), payloadHash.equals(STREAMING_SIGNED_TRAILER));
        }
        return new Verified(credential, identity.principal(), parameters.presigned(), parameters.sessionToken(),
                chunkSigning);
    }

    /** How many signing keys are cached (for tests and metrics). */
    public int cachedSigningKeys() {
        return signingKeys.size();
    }

    private static List<String> signedHeaders(String text) {
        List<String> names = new ArrayList<>();
        for (String name : text.split(";")) {
            String trimmed = name.trim().toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty()) {
                names.add(trimmed);
            }
        }
        names.sort(null);
        return names;
    }

    /** Rules 10 and 11: no more than 15 minutes before or after now. */
    private static void checkWindow(AmzDate date, Instant now) {
        Instant earliest = now.minus(MAX_SKEW);
        Instant latest = now.plus(MAX_SKEW);
        if (date.instant().isBefore(earliest)) {
            throw new AuthException(AuthFailure.REQUEST_EXPIRED, "Signature expired: " + date.basic()
                    + " is now earlier than " + AmzDate.basic(earliest) + " (" + AmzDate.basic(now) + " - 15 min.)");
        }
        if (date.instant().isAfter(latest)) {
            throw new AuthException(AuthFailure.REQUEST_EXPIRED, "Signature not yet current: " + date.basic()
                    + " is still later than " + AmzDate.basic(latest) + " (" + AmzDate.basic(now) + " + 15 min.)");
        }
    }

    /**
     * An S3 presigned URL: {@code X-Amz-Expires} from 1 to 604800 seconds, and not past. The wordings are S3's
     * (AuthorizationQueryParametersError "X-Amz-Expires must be less than a week (in seconds) that is 604800",
     * AccessDenied "Request has expired"); the S3 service will render them with its own codes.
     */
    private static void checkExpires(String expires, AmzDate date, Instant now) {
        long seconds;
        try {
            seconds = expires == null ? -1 : Long.parseLong(expires);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0) {
            throw AuthException.incomplete("X-Amz-Expires should be a number");
        }
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw AuthException.incomplete("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        if (seconds == 0) {
            throw AuthException.incomplete("X-Amz-Expires must be non-negative");
        }
        if (now.isAfter(date.instant().plusSeconds(seconds))) {
            throw new AuthException(AuthFailure.REQUEST_EXPIRED, "Request has expired");
        }
        if (date.instant().isAfter(now.plus(MAX_SKEW))) {
            throw new AuthException(AuthFailure.REQUEST_EXPIRED, "Request is not valid yet");
        }
    }

    /**
     * Rules 12 and 13: five parts; then the region, service, terminator and day, each wrong one named, in one message
     * (scratchstack's recorded order and wording; the trailing space after each sentence as in the answer quoted in
     * cllunsford/aws-signing-proxy#25: "Credential should be scoped to correct service: 'batch'. ").
     */
    private static Credential scope(String credential, String expectedService, AmzDate date) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw AuthException.incomplete("Credential must have exactly 5 slash-delimited elements, "
                    + "e.g. keyid/date/region/service/term, got '" + credential + "'");
        }
        StringBuilder wrong = new StringBuilder();
        if (!Regions.valid(parts[2])) {
            wrong.append("Credential should be scoped to a valid region, not '").append(parts[2]).append("'. ");
        }
        if (!parts[3].equals(expectedService)) {
            wrong.append("Credential should be scoped to correct service: '").append(expectedService).append("'. ");
        }
        if (!parts[4].equals("aws4_request")) {
            wrong.append("Credential should be scoped with a valid terminator: 'aws4_request', not '")
                    .append(parts[4]).append("'. ");
        }
        if (!parts[1].equals(date.day())) {
            wrong.append("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '")
                    .append(parts[1]).append("' != '").append(date.day()).append("', from '").append(date.basic())
                    .append("'. ");
        }
        if (!wrong.isEmpty()) {
            throw new AuthException(AuthFailure.SIGNATURE_DOES_NOT_MATCH, wrong.toString());
        }
        if (parts[0].isEmpty()) {
            throw AuthException.invalidClientToken();
        }
        return new Credential(parts[0], parts[1], parts[2], parts[3]);
    }

    /**
     * The payload hash the client signed: the body's SHA-256, or the {@code x-amz-content-sha256} header when sent —
     * {@code UNSIGNED-PAYLOAD} as such, a hex hash only when it is the body's (else a body changed after signing would
     * pass). Where S3's rules apply ({@link SigningRules#contentSha256Header()}) a header-signed request must send the
     * header, a presigned one without it signed {@code UNSIGNED-PAYLOAD}, and a wrong hash is
     * {@link AuthFailure#CONTENT_SHA256_MISMATCH}. The aws-chunked {@code STREAMING-…} values are accepted where
     * {@link SigningRules#streamingPayloads()} (S3); their chunks are checked as the body is read. A body the front
     * door spooled to a file is hashed from the file, streamed.
     */
    private static String payloadHash(WireRequest request, SigningRules rules, boolean presigned) {
        String declared = request.header("x-amz-content-sha256");
        if (declared == null) {
            if (rules.contentSha256Header()) {
                if (presigned) {
                    return UNSIGNED_PAYLOAD;
                }
                throw new AuthException(AuthFailure.CONTENT_SHA256_MISSING,
                        "Missing required header for this request: x-amz-content-sha256");
            }
            return HEX.formatHex(bodySha256(request));
        }
        declared = declared.trim();
        if (declared.equals(UNSIGNED_PAYLOAD)) {
            return declared;
        }
        if (declared.startsWith("STREAMING-")) {
            if (!rules.streamingPayloads()) {
                throw AuthException.incomplete("x-amz-content-sha256 '" + declared
                        + "' (a chunk-signed payload) is not supported by this service.");
            }
            if (!declared.equals(STREAMING_SIGNED) && !declared.equals(STREAMING_SIGNED_TRAILER)
                    && !declared.equals(STREAMING_UNSIGNED_TRAILER)) {
                throw AuthException.incomplete("x-amz-content-sha256 '" + declared + "' is not supported.");
            }
            return declared;
        }
        String actual = HEX.formatHex(bodySha256(request));
        if (!actual.equalsIgnoreCase(declared)) {
            if (rules.contentSha256Header()) {
                throw new AuthException(AuthFailure.CONTENT_SHA256_MISMATCH,
                        "The provided 'x-amz-content-sha256' header does not match what was computed.");
            }
            throw AuthException.signatureDoesNotMatch();
        }
        return declared;
    }

    /** The SHA-256 of the body as received: from memory, or streamed from the spool file. */
    private static byte[] bodySha256(WireRequest request) {
        if (request.bodyFile() == null) {
            return sha256(request.body());
        }
        MessageDigest digest = Hashes.sha256();
        try (java.io.InputStream in = request.openBody()) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return digest.digest();
    }

    private static byte[] sha256(byte[] data) {
        return Hashes.sha256().digest(data);
    }
}
