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
 */
public record KinesisSettings(long transitionMillis, int shardLimit, int onDemandStreamLimit, int onDemandShardCount,
                              long trimIntervalMillis) {
    public static final long DEFAULT_TRANSITION_MILLIS = 500;
    public static final long MAX_TRANSITION_MILLIS = 60_000;
    public static final int DEFAULT_SHARD_LIMIT = 500;
    public static final int MAX_SHARDS_PER_STREAM = 10_000;

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
    }

    /** AWS's quotas with a 500 ms transition, a trimmer pass every 30 s. */
    public static KinesisSettings defaults() {
        return new KinesisSettings(DEFAULT_TRANSITION_MILLIS, DEFAULT_SHARD_LIMIT, 50, 4, 30_000);
    }

    public KinesisSettings withTransitionMillis(long millis) {
        return new KinesisSettings(millis, shardLimit, onDemandStreamLimit, onDemandShardCount, trimIntervalMillis);
    }

    public KinesisSettings withShardLimit(int limit) {
        return new KinesisSettings(transitionMillis, limit, onDemandStreamLimit, onDemandShardCount, trimIntervalMillis);
    }
}
