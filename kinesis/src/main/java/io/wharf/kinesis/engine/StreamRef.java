package io.wharf.kinesis.engine;

import io.wharf.kinesis.KinesisErrors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which stream a request means: its account, region and name. Every stream-scoped operation takes a
 * StreamName, a StreamARN or both (kinesis.md §2.1); an ARN names its own account and region.
 */
public record StreamRef(String account, String region, String name) {
    private static final Pattern STREAM_ARN = Pattern.compile("arn:aws[^:]*:kinesis:([^:]*):(\\d{12}):stream/([a-zA-Z0-9_.-]+)");

    /**
     * @param name    StreamName or null
     * @param arn     StreamARN or null
     * @param account the caller's account (used with a bare name)
     * @param region  the caller's region (used with a bare name)
     */
    public static StreamRef of(String name, String arn, String account, String region) {
        if (arn == null) {
            if (name == null) {
                throw KinesisErrors.INVALID_ARGUMENT.error("Either StreamName or StreamARN must be provided.");
            }
            return new StreamRef(account, region, name);
        }
        StreamRef fromArn = parseArn(arn);
        if (name != null && !name.equals(fromArn.name())) {
            throw KinesisErrors.INVALID_ARGUMENT.error("StreamARN " + arn + " and StreamName " + name
                    + " do not name the same stream.");
        }
        return fromArn;
    }

    /** The stream an ARN names; InvalidArgumentException when it names none. */
    public static StreamRef parseArn(String arn) {
        Matcher m = STREAM_ARN.matcher(arn);
        if (!m.matches()) {
            throw KinesisErrors.INVALID_ARGUMENT.error("Invalid StreamARN " + arn + ".");
        }
        return new StreamRef(m.group(2), m.group(1), m.group(3));
    }

    public String arn() {
        return "arn:aws:kinesis:" + region + ":" + account + ":stream/" + name;
    }
}
