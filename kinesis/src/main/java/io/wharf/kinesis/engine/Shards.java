package io.wharf.kinesis.engine;

import io.wharf.kinesis.KinesisErrors;

import java.util.ArrayList;
import java.util.List;

/** Shard listing: visibility under retention, ShardFilter (kinesis.md §3), views, and lenient shard ids. */
public final class Shards {
    private Shards() {
    }

    /**
     * The shard index a ShardId names, as AWS reads it: the digits after the last '-' ({@code shardId-0},
     * {@code 0} and {@code foo-5} are shards 0, 0 and 5); -1 when there are none.
     */
    static int lenientIndex(String shardId) {
        String digits = shardId.substring(shardId.lastIndexOf('-') + 1);
        if (digits.isEmpty() || digits.length() > 40 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        java.math.BigInteger index = new java.math.BigInteger(digits);
        return index.bitLength() < 31 ? index.intValue() : -1;
    }

    /** Every shard whose data may still be read: open ones and those closed within the retention period. */
    static List<Shard> visible(Stream s, long now) {
        long horizon = now - s.retentionMillis();
        List<Shard> visible = new ArrayList<>();
        for (Shard shard : s.shards) {
            if (shard.isOpen() || shard.closedMillis >= horizon) {
                visible.add(shard);
            }
        }
        return visible;
    }

    static Views.ShardView view(Shard s) {
        return new Views.ShardView(s.id, s.parent < 0 ? null : Shard.id(s.parent),
                s.adjacentParent < 0 ? null : Shard.id(s.adjacentParent), s.range.start().toString(),
                s.range.end().toString(), s.startingSequenceNumber(), s.endingSequenceNumber());
    }

    /** A ShardFilter of ListShards. {@code shardId} and {@code timestampMillis} only for the types that take them. */
    public record Filter(String type, String shardId, Long timestampMillis) {
    }

    /**
     * ListShards. Either {@code ref} (with optional exclusive start, creation timestamp and filter) or a
     * {@code nextToken} from an earlier page.
     */
    static Views.ShardPage list(KinesisEngine engine, StreamRef ref, String nextToken, String exclusiveStartShardId,
                                int maxResults, Long streamCreatedMillis, Filter filter) {
        long now = engine.now();
        Stream s;
        int after;
        Filter f;
        if (nextToken != null) {
            String[] t = Tokens.decode("shards", nextToken, now);
            try {
                s = engine.byNumber.get(Long.parseLong(t[0]));
                after = Integer.parseInt(t[1]);
                f = t[2].isEmpty() ? null : new Filter(t[2], t[3].isEmpty() ? null : t[3],
                        t[4].isEmpty() ? null : Long.parseLong(t[4]));
            } catch (RuntimeException e) {
                throw Tokens.invalid();
            }
            if (s == null || s.gone(now)) {
                throw KinesisErrors.RESOURCE_NOT_FOUND.error("The stream of this NextToken no longer exists.");
            }
        } else {
            s = engine.find(ref, now);
            if (streamCreatedMillis != null && streamCreatedMillis != s.createdMillis) {
                throw KinesisErrors.streamNotFound(ref.name(), ref.account());
            }
            after = exclusiveStartShardId == null ? -1 : lenientIndex(exclusiveStartShardId);
            f = filter;
            if (f != null && f.type().equals("AFTER_SHARD_ID")) {
                if (f.shardId() == null) {
                    throw KinesisErrors.INVALID_ARGUMENT.error("ShardFilter type AFTER_SHARD_ID requires a ShardId.");
                }
                after = Math.max(after, lenientIndex(f.shardId()));
            }
            if (f != null && (f.type().equals("AT_TIMESTAMP") || f.type().equals("FROM_TIMESTAMP"))
                    && f.timestampMillis() == null) {
                throw KinesisErrors.INVALID_ARGUMENT.error("ShardFilter type " + f.type() + " requires a Timestamp.");
            }
        }
        StreamStatus status = s.status(now);
        if (status != StreamStatus.ACTIVE && status != StreamStatus.UPDATING) {
            throw KinesisErrors.streamInUse(s.ref.name(), s.ref.account(), status.name());
        }
        List<Shard> matching = new ArrayList<>();
        for (Shard shard : visible(s, now)) {
            if (shard.index > after && matches(shard, s, f, now)) {
                matching.add(shard);
            }
        }
        List<Views.ShardView> page = new ArrayList<>();
        for (Shard shard : matching.subList(0, Math.min(maxResults, matching.size()))) {
            page.add(view(shard));
        }
        String token = null;
        if (matching.size() > maxResults) {
            Shard last = matching.get(maxResults - 1);
            token = Tokens.encode("shards", now, Long.toString(s.number), Integer.toString(last.index),
                    f == null ? "" : f.type(), f == null || f.shardId() == null ? "" : f.shardId(),
                    f == null || f.timestampMillis() == null ? "" : Long.toString(f.timestampMillis()));
        }
        return new Views.ShardPage(page, token);
    }

    private static boolean matches(Shard shard, Stream s, Filter f, long now) {
        if (f == null) {
            return true;
        }
        long horizon = Math.max(now - s.retentionMillis(), s.createdMillis);
        return switch (f.type()) {
            case "AT_LATEST" -> shard.isOpen();
            case "AT_TRIM_HORIZON" -> shard.createdMillis <= horizon && (shard.isOpen() || shard.closedMillis > horizon);
            case "AT_TIMESTAMP" -> {
                long t = Math.max(f.timestampMillis(), s.createdMillis);
                yield shard.createdMillis <= t && (shard.isOpen() || shard.closedMillis >= t);
            }
            case "FROM_TIMESTAMP" -> shard.isOpen() || shard.closedMillis >= Math.max(f.timestampMillis(), horizon);
            default -> true; // FROM_TRIM_HORIZON, AFTER_SHARD_ID: every visible shard (after the id)
        };
    }
}
