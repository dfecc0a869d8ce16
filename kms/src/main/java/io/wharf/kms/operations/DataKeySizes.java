package io.wharf.kms.operations;

import io.wharf.kms.KmsErrors;
import io.wharf.protocol.Input;

/** A data key's length: KeySpec (AES_256 = 32, AES_128 = 16) or NumberOfBytes (1–1024), exactly one of them. */
final class DataKeySizes {
    private DataKeySizes() {
    }

    static int of(Input input) {
        String keySpec = input.string("KeySpec");
        Integer bytes = input.integer("NumberOfBytes");
        if ((keySpec == null) == (bytes == null)) {
            throw KmsErrors.VALIDATION.error("Please specify either number of bytes or key spec.");
        }
        if (bytes != null) {
            return bytes;
        }
        return keySpec.equals("AES_128") ? 16 : 32;
    }
}
