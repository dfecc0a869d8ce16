package io.wharf.server.config;

import io.wharf.firehose.FirehoseSettings;
import io.wharf.firehose.ObjectSink;

/**
 * Firehose's part of the configuration.
 *
 * @param transitionMillis how long a delivery stream stays CREATING ({@code --firehose-transition-ms})
 * @param sink             where delivered objects go instead of the server's default (embedding, tests); null = the
 *                         default
 */
public record FirehoseOptions(long transitionMillis, ObjectSink sink) {
    public static final FirehoseOptions DEFAULTS = new FirehoseOptions(FirehoseSettings.DEFAULT_TRANSITION_MILLIS, null);

    public FirehoseOptions {
        if (transitionMillis < 0 || transitionMillis > FirehoseSettings.MAX_TRANSITION_MILLIS) {
            throw new ConfigException(Setting.FIREHOSE_TRANSITION_MS, Long.toString(transitionMillis),
                    "expected 0-" + FirehoseSettings.MAX_TRANSITION_MILLIS + " milliseconds");
        }
    }

    public FirehoseOptions withTransitionMillis(long millis) {
        return new FirehoseOptions(millis, sink);
    }

    public FirehoseOptions withSink(ObjectSink value) {
        return new FirehoseOptions(transitionMillis, value);
    }

    /** The engine's settings. */
    public FirehoseSettings settings() {
        return FirehoseSettings.defaults().withTransitionMillis(transitionMillis);
    }
}
