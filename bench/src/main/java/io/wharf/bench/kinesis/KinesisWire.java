package io.wharf.bench.kinesis;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the Kinesis client encodes its calls. The SDK for Java v2 speaks CBOR by default; JSON is what
 * it speaks with {@code aws.cborEnabled=false}, and what kinesalite needs: its CBOR replies carry
 * timestamps in seconds and the SDK fails to parse its GetRecords answer (kinesalite issue #108; seen
 * here with SDK 2.57.8). A compare uses one wire for every target, so the default is JSON.
 */
public enum KinesisWire {
    JSON, CBOR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KinesisWire named(String text) {
        return Arrays.stream(values()).filter(w -> w.label().equalsIgnoreCase(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--kinesis-wire must be json or cbor, got '" + text + "'"));
    }
}
