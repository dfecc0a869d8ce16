package io.wharf.kinesis.engine;

import io.wharf.kinesis.KinesisErrors;
import io.wharf.kinesis.KinesisSettings;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * SplitShard, MergeShards and UpdateShardCount (kinesis.md §2.8). A reshard closes parents (under their
 * locks, fixing their last counter) and appends children in one step, so ListShards never shows a gap in
 * the hash key space; the stream is then UPDATING for the transition time. UpdateShardCount is a sequence
 * of splits and merges, so every new shard has at most two parents and full lineage, as KCL requires.
 */
public final class Resharding {
    private final KinesisEngine engine;

    Resharding(KinesisEngine engine) {
        this.engine = engine;
    }

    private Stream reshardable(StreamRef ref, long now) {
        Stream s = engine.active(ref, now);
        if (s.mode.equals("ON_DEMAND")) {
            throw KinesisErrors.VALIDATION.error("Request is invalid. Stream " + ref.name() + " under account "
                    + ref.account() + " is in On-Demand mode.");
        }
        return s;
    }

    private static Shard openShard(Stream s, String shardId) {
        int index = Shards.lenientIndex(shardId);
        Shard shard = s.shard(index);
        if (shard == null) {
            throw KinesisErrors.couldNotFindShard(shardId, s.ref.name(), s.ref.account());
        }
        if (!shard.isOpen()) {
            throw KinesisErrors.INVALID_ARGUMENT.error("Shard " + shard.id + " in stream " + s.ref.name()
                    + " under account " + s.ref.account() + " has already been merged or split, and thus is not "
                    + "eligible for merging or splitting.");
        }
        return shard;
    }

    public void split(StreamRef ref, String shardToSplit, String newStartingHashKey) {
        long now = engine.now();
        engine.change(batch -> {
            Stream s = reshardable(ref, now);
            Shard shard = openShard(s, shardToSplit);
            BigInteger key = new BigInteger(newStartingHashKey);
            if (key.compareTo(shard.range.start().add(BigInteger.ONE)) <= 0 || key.compareTo(shard.range.end()) >= 0) {
                throw KinesisErrors.INVALID_ARGUMENT.error("NewStartingHashKey " + newStartingHashKey
                        + " used in SplitShard() on shard " + shard.id + " in stream " + ref.name() + " under account "
                        + ref.account() + " is not both greater than one plus the shard's StartingHashKey "
                        + shard.range.start() + " and less than the shard's EndingHashKey " + shard.range.end() + ".");
            }
            engine.checkShardLimit(ref, 1, now);
            List<Shard> all = new ArrayList<>(s.shards);
            split(all, shard, key, now);
            s.setShards(all);
            engine.updating(s, now);
            engine.persist(s, batch);
            return null;
        });
    }

    public void merge(StreamRef ref, String shardToMerge, String adjacentShardToMerge) {
        long now = engine.now();
        engine.change(batch -> {
            Stream s = reshardable(ref, now);
            Shard first = openShard(s, shardToMerge);
            Shard second = openShard(s, adjacentShardToMerge);
            boolean adjacent = first.range.end().add(BigInteger.ONE).equals(second.range.start())
                    || second.range.end().add(BigInteger.ONE).equals(first.range.start());
            if (!adjacent) {
                throw KinesisErrors.INVALID_ARGUMENT.error("Shards " + first.id + " and " + second.id + " in stream "
                        + ref.name() + " under account " + ref.account()
                        + " are not an adjacent pair of shards eligible for merging");
            }
            List<Shard> all = new ArrayList<>(s.shards);
            merge(all, first, second, now);
            s.setShards(all);
            engine.updating(s, now);
            engine.persist(s, batch);
            return null;
        });
    }

    /** UpdateShardCount (UNIFORM_SCALING). Returns the open shard count before the change. */
    public int updateShardCount(StreamRef ref, int target) {
        long now = engine.now();
        return engine.change(batch -> {
            Stream s = reshardable(ref, now);
            int current = s.openShards.size();
            if (target > current * 2 || target * 2 < current || target > KinesisSettings.MAX_SHARDS_PER_STREAM) {
                throw KinesisErrors.INVALID_ARGUMENT.error("UpdateShardCount failed for stream " + ref.name()
                        + " under account " + ref.account() + ": TargetShardCount " + target
                        + " must be between half and double the current open shard count " + current
                        + " and at most " + KinesisSettings.MAX_SHARDS_PER_STREAM + ".");
            }
            if (target > current) {
                engine.checkShardLimit(ref, target - current, now);
            }
            List<Shard> all = new ArrayList<>(s.shards);
            List<HashKeys.Range> ranges = HashKeys.even(target);
            // 1. split open shards at every target boundary inside them
            for (HashKeys.Range range : ranges.subList(1, ranges.size())) {
                BigInteger boundary = range.start();
                for (Shard shard : List.copyOf(all)) {
                    if (shard.isOpen() && shard.range.start().compareTo(boundary) < 0
                            && boundary.compareTo(shard.range.end()) <= 0) {
                        split(all, shard, boundary, now);
                        break;
                    }
                }
            }
            // 2. merge, left to right, the pieces that make up each target range
            for (HashKeys.Range range : ranges) {
                List<Shard> pieces = new ArrayList<>();
                for (Shard shard : all) {
                    if (shard.isOpen() && range.contains(shard.range.start())) {
                        pieces.add(shard);
                    }
                }
                pieces.sort((a, b) -> a.range.start().compareTo(b.range.start()));
                Shard merged = pieces.get(0);
                for (Shard next : pieces.subList(1, pieces.size())) {
                    merged = merge(all, merged, next, now);
                }
            }
            s.setShards(all);
            engine.updating(s, now);
            engine.persist(s, batch);
            return current;
        });
    }

    /** Closes {@code parent} and appends its two children, split at {@code key}. */
    static void split(List<Shard> all, Shard parent, BigInteger key, long now) {
        close(parent, now);
        all.add(new Shard(all.size(), parent.index, -1,
                new HashKeys.Range(parent.range.start(), key.subtract(BigInteger.ONE)), now));
        all.add(new Shard(all.size(), parent.index, -1, new HashKeys.Range(key, parent.range.end()), now));
    }

    private static Shard merge(List<Shard> all, Shard shardToMerge, Shard adjacent, long now) {
        close(shardToMerge, now);
        close(adjacent, now);
        BigInteger start = shardToMerge.range.start().min(adjacent.range.start());
        BigInteger end = shardToMerge.range.end().max(adjacent.range.end());
        Shard child = new Shard(all.size(), shardToMerge.index, adjacent.index, new HashKeys.Range(start, end), now);
        all.add(child);
        return child;
    }

    private static void close(Shard shard, long now) {
        shard.lock.lock();
        try {
            shard.close(now);
        } finally {
            shard.lock.unlock();
        }
    }
}
