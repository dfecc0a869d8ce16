package io.wharf.sqs.engine;

import java.util.List;

/** A batch answer: entries that worked and entries that failed (the request itself succeeded). */
public record BatchResult<R>(List<Success<R>> successful, List<Failure> failed) {

    public record Success<R>(String id, R result) {
    }

    /** {@code code} is the legacy code AWS puts in {@code Failed[].Code}. */
    public record Failure(String id, String code, String message, boolean senderFault) {
        /** Entry {@code id} refused with {@code error}: the sender's fault, as every per-entry error of SQS is. */
        static Failure of(String id, io.wharf.protocol.AwsException error) {
            return new Failure(id, error.code(), error.getMessage(), true);
        }
    }
}
