package io.wharf.kinesis.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** An enhanced fan-out consumer registered on a stream. Guarded by the engine's control lock. */
final class Consumer {
    final String name;
    final String arn;
    final long createdMillis;
    StreamStatus status;
    long transitionAtMillis;
    final Map<String, String> tags = new LinkedHashMap<>();

    Consumer(String name, String arn, long createdMillis, StreamStatus status, long transitionAtMillis) {
        this.name = name;
        this.arn = arn;
        this.createdMillis = createdMillis;
        this.status = status;
        this.transitionAtMillis = transitionAtMillis;
    }

    /** CREATING becomes ACTIVE when its time has come; DELETING stays until {@link #gone}. */
    StreamStatus status(long nowMillis) {
        return status == StreamStatus.CREATING && nowMillis >= transitionAtMillis ? StreamStatus.ACTIVE : status;
    }

    boolean gone(long nowMillis) {
        return status == StreamStatus.DELETING && nowMillis >= transitionAtMillis;
    }

    ConsumerView view(String streamArn, long nowMillis) {
        return new ConsumerView(name, arn, status(nowMillis).name(), createdMillis, streamArn);
    }
}
