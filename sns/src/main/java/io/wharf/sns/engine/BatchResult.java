package io.wharf.sns.engine;

import java.util.List;

/** PublishBatch's answer: the entries that were published and those that failed, in request order. */
public record BatchResult(List<Success> successful, List<Failure> failed) {

    public record Success(String id, String messageId, String sequenceNumber) {
    }

    public record Failure(String id, String code, String message, boolean senderFault) {
    }
}
