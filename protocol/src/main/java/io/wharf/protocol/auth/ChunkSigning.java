package io.wharf.protocol.auth;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * What checking the chunks of a chunk-signed payload ({@code x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD}
 * or {@code …-PAYLOAD-TRAILER}) needs from the request's verified signature: the signing key, the request's date and
 * credential scope, and the request's signature, which seeds the chain. Each chunk's signature signs
 * <pre>
 * AWS4-HMAC-SHA256-PAYLOAD \n date \n scope \n previous signature \n SHA-256("") \n SHA-256(chunk data)
 * </pre>
 * and a signed trailer's
 * <pre>
 * AWS4-HMAC-SHA256-TRAILER \n date \n scope \n previous signature \n SHA-256(trailer lines "name:value\n")
 * </pre>
 * (AWS's "Signature Calculations for the Authorization Header: Transferring Payload in Multiple Chunks" and its
 * trailer variant). Made by {@link SigV4Verifier} only; holds no secret itself, only a keyed MAC.
 */
public final class ChunkSigning {
    private static final HexFormat HEX = HexFormat.of();
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final Mac keyed;
    private final String amzDate;
    private final String scope;
    private final String seedSignature;
    private final boolean signedTrailer;

    ChunkSigning(Mac keyed, String amzDate, String scope, String seedSignature, boolean signedTrailer) {
        this.keyed = keyed;
        this.amzDate = amzDate;
        this.scope = scope;
        this.seedSignature = seedSignature;
        this.signedTrailer = signedTrailer;
    }

    /** The request's own signature: the "previous signature" of the first chunk. */
    public String seedSignature() {
        return seedSignature;
    }

    /** Whether the trailer carries {@code x-amz-trailer-signature} ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}). */
    public boolean signedTrailer() {
        return signedTrailer;
    }

    /** The signature a chunk whose data hashes to {@code dataSha256} must carry after {@code previous}. */
    public String chunk(String previous, byte[] dataSha256) {
        return sign("AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n" + EMPTY_SHA256
                + "\n" + HEX.formatHex(dataSha256));
    }

    /** The signature the trailer whose canonical lines hash to {@code trailerSha256} must carry after {@code previous}. */
    public String trailer(String previous, byte[] trailerSha256) {
        return sign("AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                + HEX.formatHex(trailerSha256));
    }

    private String sign(String stringToSign) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 is cloneable in every JDK", e);
        }
        return HEX.formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    /** For tests: chunk signing from a known signing key (AWS's documented example). */
    public static ChunkSigning of(byte[] signingKey, String amzDate, String scope, String seedSignature,
                                  boolean signedTrailer) {
        return new ChunkSigning(SigningKeys.keyedMac(signingKey), amzDate, scope, seedSignature, signedTrailer);
    }

    @Override
    public String toString() {
        return "ChunkSigning[" + scope + "]"; // never the key
    }
}
