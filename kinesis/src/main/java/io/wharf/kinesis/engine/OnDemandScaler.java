package io.wharf.kinesis.engine;

import io.wharf.kinesis.KinesisSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * On-demand streams grow with their writes. AWS starts an on-demand stream at 4 shards (4 MiB/s, 4,000
 * records/s in) and keeps its write capacity at up to double the peak it has seen, splitting hot shards
 * (within about 15 minutes). Wharf's rule ({@link KinesisSettings.OnDemandScaling}): once a window has
 * passed since the last look, the next write to the stream looks at what each open shard took in during
 * that window; every shard that averaged at least the threshold share of its capacity (1 MiB/s or 1,000
 * records/s, whichever it came nearer to) is split at the middle of its hash range, hottest first, as far as
 * the account's shard quota and the 10,000-shard stream limit allow. The splits are ordinary
 * {@link Resharding} splits, so parents close with an EndingSequenceNumber and readers find the children
 * through ChildShards and ListShards; unlike SplitShard they do not make the stream UPDATING (AWS scales
 * on-demand streams without a status change). Streams never shrink: merging back is left to the user
 * (UpdateStreamMode to PROVISIONED, then UpdateShardCount).
 *
 * <p>Driven by writes and the engine's clock, never by a timer: a stream nobody writes to needs no look,
 * and engine tests decide on a manual clock exactly when scaling happens.
 */
final class OnDemandScaler {
    private static final Logger LOG = LoggerFactory.getLogger(OnDemandScaler.class);

    private final KinesisEngine engine;

    OnDemandScaler(KinesisEngine engine) {
        this.engine = engine;
    }

    /** Called after each write to {@code s}; cheap unless a window is over for an on-demand stream. */
    void afterWrite(Stream s, long now) {
        KinesisSettings.OnDemandScaling rule = engine.settings.onDemandScaling();
        if (!rule.enabled() || !s.mode.equals("ON_DEMAND") || now - s.scaleWindowStartMillis < rule.windowMillis()) {
            return;
        }
        if (!s.scaling.compareAndSet(false, true)) {
            return; // another writer is looking
        }
        try {
            engine.change(batch -> {
                if (engine.byNumber.get(s.number) != s || s.gone(now) || now - s.scaleWindowStartMillis < rule.windowMillis()) {
                    return null;
                }
                List<Shard> split = scale(s, rule, now);
                if (!split.isEmpty()) {
                    engine.persist(s, batch);
                    LOG.info("On-demand stream {} split {} hot shard(s) {}: now {} open shards", s.ref,
                            split.size(), split.stream().map(shard -> shard.id).toList(), s.openShards.size());
                }
                return null;
            });
        } finally {
            s.scaling.set(false);
        }
    }

    /** Under the control lock: ends the window, splits the hot shards; returns the shards split. */
    private List<Shard> scale(Stream s, KinesisSettings.OnDemandScaling rule, long now) {
        long windowStart = s.scaleWindowStartMillis;
        s.scaleWindowStartMillis = now;
        record Load(Shard shard, long percent) {
        }
        List<Load> hot = new ArrayList<>();
        for (Shard shard : s.openShards) {
            long[] written = shard.throughput.drainWindow();
            long elapsed = now - Math.max(windowStart, shard.createdMillis);
            if (elapsed <= 0) {
                continue;
            }
            long percent = Math.max(
                    written[0] * 1000 * 100 / (elapsed * ShardThroughput.WRITE_BYTES_PER_SECOND),
                    written[1] * 1000 * 100 / (elapsed * ShardThroughput.WRITE_RECORDS_PER_SECOND));
            BigInteger width = shard.range.end().subtract(shard.range.start());
            if (percent >= rule.thresholdPercent() && width.compareTo(BigInteger.valueOf(3)) >= 0) {
                hot.add(new Load(shard, percent));
            }
        }
        if (s.status(now) != StreamStatus.ACTIVE || hot.isEmpty()) {
            return List.of();
        }
        int room = Math.min(engine.settings.shardLimit() - engine.openShards(s.ref.account(), s.ref.region(), now),
                KinesisSettings.MAX_SHARDS_PER_STREAM - s.openShards.size());
        hot.sort(Comparator.comparingLong(Load::percent).reversed());
        List<Shard> all = new ArrayList<>(s.shards);
        List<Shard> split = new ArrayList<>();
        for (Load load : hot.subList(0, Math.max(0, Math.min(room, hot.size())))) {
            Shard shard = load.shard();
            BigInteger middle = shard.range.start().add(shard.range.end()).add(BigInteger.ONE).shiftRight(1);
            Resharding.split(all, shard, middle, now);
            split.add(shard);
        }
        if (!split.isEmpty()) {
            s.setShards(all);
        }
        return split;
    }
}
