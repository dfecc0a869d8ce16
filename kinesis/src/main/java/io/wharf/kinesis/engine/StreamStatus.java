package io.wharf.kinesis.engine;

/** The lifecycle of a stream (and, without UPDATING, of a consumer). */
public enum StreamStatus {
    CREATING, ACTIVE, UPDATING, DELETING
}
