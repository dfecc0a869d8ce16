package io.wharf.kinesis.engine;

import io.wharf.kinesis.KinesisErrors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource ARN of TagResource, the policy operations and consumer addressing: a stream
 * ({@code arn:aws:kinesis:<region>:<account>:stream/<name>}) or one of its consumers
 * ({@code .../stream/<name>/consumer/<consumer>:<created epoch seconds>}).
 *
 * @param consumer    the consumer's name, or null for the stream itself
 * @param consumerArn the consumer's full ARN, or null
 */
record Resource(StreamRef stream, String consumer, String consumerArn) {
    private static final Pattern ARN = Pattern.compile(
            "arn:aws[^:]*:kinesis:([^:]*):(\\d{12}):stream/([a-zA-Z0-9_.-]+)(?:/consumer/([a-zA-Z0-9_.-]+):(\\d+))?");

    static Resource parse(String arn) {
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            throw KinesisErrors.INVALID_ARGUMENT.error("Invalid ARN " + arn + ": not a Kinesis stream or consumer ARN.");
        }
        StreamRef stream = new StreamRef(m.group(2), m.group(1), m.group(3));
        return new Resource(stream, m.group(4), m.group(4) == null ? null : arn);
    }
}
