package io.wharf.console.view;

/** A shard: open or closed, its parents, its hash key range and sequence numbers. */
public record ShardRow(String shardId, String state, String parents, String hashKeyRange, String startingSequence,
                       String endingSequence) {
}
