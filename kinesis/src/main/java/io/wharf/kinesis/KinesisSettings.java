package io.wharf.kinesis;

/**
 * How the Kinesis engine behaves where AWS leaves room or where a local server wants it faster. Validated
 * once, here.
 *
 * @param transitionMillis     how long a stream stays CREATING, UPDATING or DELETING (and a consumer
 *                             CREATING or DELETING) before it moves on; AWS takes seconds, peers 500 ms
 * @param shardLimit           open shards per account and region (AWS's default quota is 500 in large regions)
 * @param onDemandStreamLimit  on-demand streams per account and region
 * @param onDemandShardCount   shards of a new on-demand stream (AWS starts at 4)
 * @param trimIntervalMillis   how often the background trimmer frees records older than the retention
 *                             period (reads never return them, whenever the trimmer runs)
 * @param enforceLimits        refuse what exceeds a shard's throughput (1 MiB/s and 1,000 records/s in,
 *                             2 MiB/s and 5 GetRecords calls/s out) with ProvisionedThroughputExceededException,
 *                             as AWS does; off by default, so a local server never throttles unasked
 * @param onDemandScaling      when and how far on-demand streams split their hot shards
 */
public record KinesisSettings(long transitionMillis, int shardLimit, int onDemandStreamLimit, int onDemandShardCount,
                              long trimIntervalMillis, boolean enforceLimits, OnDemandScaling onDemandScaling) {
    public static final long DEFAULT_TRANSITION_MILLIS = 500;
    public static final long MAX_TRANSITION_MILLIS = 60_000;
    public static final int DEFAULT_SHARD_LIMIT = 500;
    public static final int MAX_SHARDS_PER_STREAM = 10_000;

    /**
     * The on-demand scaling rule (docs/compatibility.md): a shard whose writes over the last
     * {@code windowMillis} averaged at least {@code thresholdPercent} of its write capacity (1 MiB/s or 1,000
     * records/s, whichever is nearer) is split in two, so the stream's capacity stays at about double its
     * recent peak, as AWS describes. Evaluated by the write path at most once per window; never scales down.
     *
     * @param windowMillis     how long writes are averaged over before a decision; 0 = never scale
     * @param thresholdPercent the share of one shard's write capacity above which that shard splits
     */
    public record OnDemandScaling(long windowMillis, int thresholdPercent) {
        /** AWS keeps capacity at double the peak: split a shard once it runs at half its capacity for a minute. */
        public static final OnDemandScaling DEFAULT = new OnDemandScaling(60_000, 50);
        /** On-demand streams keep the shards they have. */
        public static final OnDemandScaling OFF = new OnDemandScaling(0, 50);

        public OnDemandScaling {
            if (windowMillis < 0 || windowMillis > 24 * 3_600_000L) {
                throw new IllegalArgumentException("windowMillis must be 0-86400000, was " + windowMillis);
            }
            if (thresholdPercent < 1 || thresholdPercent > 100) {
                throw new IllegalArgumentException("thresholdPercent must be 1-100, was " + thresholdPercent);
            }
        }

        public boolean enabled() {
            return windowMillis > 0;
        }
    }

    public KinesisSettings {
        if (transitionMillis < 0 || transitionMillis > MAX_TRANSITION_MILLIS) {
            throw new IllegalArgumentException("transitionMillis must be 0-" + MAX_TRANSITION_MILLIS + ", was "
                    + transitionMillis);
        }
        if (shardLimit < 1 || shardLimit > 1_000_000) {
            throw new IllegalArgumentException("shardLimit must be 1-1000000, was " + shardLimit);
        }
        if (onDemandStreamLimit < 0 || onDemandShardCount < 1 || onDemandShardCount > MAX_SHARDS_PER_STREAM) {
            throw new IllegalArgumentException("bad on-demand limits " + onDemandStreamLimit + "/" + onDemandShardCount);
        }
        if (trimIntervalMillis < 10) {
            throw new IllegalArgumentException("trimIntervalMillis must be at least 10, was " + trimIntervalMillis);
        }
        java.util.Objects.requireNonNull(onDemandScaling, "onDemandScaling");
    }

    /** AWS's quotas with a 500 ms transition, a trimmer pass every 30 s, no throttling, on-demand scaling on. */
    public static KinesisSettings defaults() {
        return new KinesisSettings(DEFAULT_TRANSITION_MILLIS, DEFAULT_SHARD_LIMIT, 50, 4, 30_000, false,
                OnDemandScaling.DEFAULT);
    }

    public KinesisSettings withTransitionMillis(long millis) {
        return new KinesisSettings(millis, shardLimit, onDemandStreamLimit, onDemandShardCount, trimIntervalMillis,
                enforceLimits, onDemandScaling);
    }

    public KinesisSettings withShardLimit(int limit) {
        return new KinesisSettings(transitionMillis, limit, onDemandStreamLimit, onDemandShardCount,
                trimIntervalMillis, enforceLimits, onDemandScaling);
    }

    public KinesisSettings withEnforceLimits(boolean enforce) {
        return new KinesisSettings(transitionMillis, shardLimit, onDemandStreamLimit, onDemandShardCount,
                trimIntervalMillis, enforce, onDemandScaling);
    }

    public KinesisSettings withOnDemandScaling(OnDemandScaling scaling) {
        return new KinesisSettings(transitionMillis, shardLimit, onDemandStreamLimit, onDemandShardCount,
                trimIntervalMillis, enforceLimits, scaling);
    }
}
