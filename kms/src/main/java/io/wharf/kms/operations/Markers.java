package io.wharf.kms.operations;

import io.wharf.kms.KmsErrors;

/** Markers of lists paged by position (tags, rotations): the index of the next entry, as text. */
final class Markers {
    private Markers() {
    }

    static int index(String marker, int size) {
        if (marker == null) {
            return 0;
        }
        try {
            int index = Integer.parseInt(marker);
            if (index >= 0 && index <= size) {
                return index;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw KmsErrors.INVALID_MARKER.error("Invalid marker");
    }
}
