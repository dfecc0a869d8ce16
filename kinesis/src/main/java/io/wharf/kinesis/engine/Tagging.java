package io.wharf.kinesis.engine;

import io.wharf.kinesis.KinesisErrors;

import java.util.Map;
import java.util.regex.Pattern;

/** The characters AWS allows in tag keys and values (kinesis.md §2.14). */
final class Tagging {
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private Tagging() {
    }

    static void check(StreamRef ref, Map<String, String> tags) {
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (!ALLOWED.matcher(e.getKey()).matches() || !ALLOWED.matcher(e.getValue()).matches()) {
                throw KinesisErrors.INVALID_ARGUMENT.error("Failed to add tags to stream " + ref.name()
                        + " under account " + ref.account() + " because some tags contained illegal characters. "
                        + "The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.");
            }
        }
    }
}
