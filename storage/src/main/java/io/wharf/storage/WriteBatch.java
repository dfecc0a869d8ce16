package io.wharf.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Changes to apply together, atomically, by {@link Store#commit(WriteBatch)}. Not thread-safe. */
public final class WriteBatch {

    /** One change. {@code value} is null for deletes; {@code endKey} is set only for range deletes. */
    public record Op(Kind kind, KeySpace space, byte[] key, byte[] value, byte[] endKey) {
    }

    public enum Kind { PUT, DELETE, DELETE_RANGE }

    private final List<Op> ops = new ArrayList<>();

    public WriteBatch put(KeySpace space, byte[] key, byte[] value) {
        ops.add(new Op(Kind.PUT, space, key, value, null));
        return this;
    }

    public WriteBatch delete(KeySpace space, byte[] key) {
        ops.add(new Op(Kind.DELETE, space, key, null, null));
        return this;
    }

    /** Deletes every key k with {@code fromInclusive <= k < toExclusive}. */
    public WriteBatch deleteRange(KeySpace space, byte[] fromInclusive, byte[] toExclusive) {
        ops.add(new Op(Kind.DELETE_RANGE, space, fromInclusive, null, toExclusive));
        return this;
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    public int size() {
        return ops.size();
    }

    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }
}
