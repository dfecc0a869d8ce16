package io.wharf.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * MD5 and SHA-256 digests for the request path, each a clone of a prototype: {@code MessageDigest.getInstance}
 * searches the security providers on every call, which cost as much as digesting a 1 KiB body (JFR of sqs-send) and
 * more than digesting a Kinesis partition key. A clone copies a few words of state. Each call answers a new digest,
 * so callers need no locking.
 */
public final class Hashes {
    private static final MessageDigest MD5 = prototype("MD5");
    private static final MessageDigest SHA256 = prototype("SHA-256");

    private Hashes() {
    }

    public static MessageDigest md5() {
        return copy(MD5, "MD5");
    }

    public static MessageDigest sha256() {
        return copy(SHA256, "SHA-256");
    }

    private static MessageDigest copy(MessageDigest prototype, String algorithm) {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) { // not with the JDK's providers; a slower fresh one then
            return prototype(algorithm);
        }
    }

    private static MessageDigest prototype(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }
}
