package io.wharf.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One AWS action. It reads its already decoded and validated parameters through {@link Input}, calls the
 * engine, and returns the output tree shaped by the operation's output shape (or null for no output).
 * Errors are thrown as {@link AwsException}.
 */
@FunctionalInterface
public interface Operation {
    ObjectNode invoke(RequestContext context, Input input);
}
