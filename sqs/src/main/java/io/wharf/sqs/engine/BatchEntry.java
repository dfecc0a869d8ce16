package io.wharf.sqs.engine;

/** One entry of a batch request: the caller's entry id and the command. */
public record BatchEntry<C>(String id, C command) {
}
