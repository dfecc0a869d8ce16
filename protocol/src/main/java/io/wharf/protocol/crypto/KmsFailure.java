package io.wharf.protocol.crypto;

/**
 * Why KMS refused a service's request for a data key, in KMS's own terms; each service maps the kind onto its
 * error table (SQS: {@code KMS.DisabledException}, {@code KMS.NotFoundException}, {@code KMS.InvalidStateException},
 * {@code KMS.AccessDeniedException}, …; Kinesis: {@code KMSDisabledException}, {@code KMSNotFoundException},
 * {@code KMSInvalidStateException}, {@code KMSAccessDeniedException}, …).
 */
public final class KmsFailure extends Exception {
    /** KMS's exception names, without the {@code Exception} suffix. */
    public enum Kind {
        /** {@code NotFoundException}: no such key or alias. */
        NOT_FOUND,
        /** {@code DisabledException}: the key is disabled. */
        DISABLED,
        /** {@code KMSInvalidStateException}: pending deletion, pending import, … */
        INVALID_STATE,
        /** {@code AccessDeniedException}: the key policy or the caller's policies do not allow the use. */
        ACCESS_DENIED,
        /** {@code InvalidCiphertextException}: the blob was not made by this KMS, or the context differs. */
        INVALID_CIPHERTEXT,
        /** {@code InvalidKeyUsageException}: not a symmetric ENCRYPT_DECRYPT key. */
        INVALID_KEY_USAGE,
        /** {@code KMSOptInRequired}, {@code ThrottlingException}, … anything else. */
        OTHER
    }

    private final Kind kind;

    public KmsFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
