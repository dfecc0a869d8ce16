package io.wharf.sqs.engine;

import io.wharf.storage.RecordCodec;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One message move task (DLQ redrive). Progress fields are written by its worker and read by List/Cancel, so they
 * are guarded by the task's monitor. Stored in {@code sqs.tasks} as: v, taskId, sourceArn, destinationArn?,
 * rate:int (0 = as fast as possible), started:long, toMove:long, moved:long, status, failureReason?.
 */
final class MoveTask {
    enum Status { RUNNING, COMPLETED, CANCELLING, CANCELLED, FAILED }

    final String taskId;
    final String sourceArn;
    final String destinationArn;
    final Integer rate;
    final long startedMillis;
    final long toMove;
    private long moved;
    private Status status;
    private String failureReason;

    MoveTask(String taskId, String sourceArn, String destinationArn, Integer rate, long startedMillis, long toMove,
             long moved, Status status, String failureReason) {
        this.taskId = taskId;
        this.sourceArn = sourceArn;
        this.destinationArn = destinationArn;
        this.rate = rate;
        this.startedMillis = startedMillis;
        this.toMove = toMove;
        this.moved = moved;
        this.status = status;
        this.failureReason = failureReason;
    }

    /** Opaque to callers: the task id and source ARN, so a handle names its task without a lookup table. */
    String handle() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((taskId + "|" + sourceArn).getBytes(StandardCharsets.UTF_8));
    }

    /** The task id and source ARN inside a handle, or null when the text is not a handle. */
    static String[] parseHandle(String handle) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(handle), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            return bar > 0 && text.startsWith("arn:", bar + 1)
                    ? new String[]{text.substring(0, bar), text.substring(bar + 1)} : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    synchronized long moved() { return moved; }

    synchronized Status status() { return status; }

    synchronized void addMoved(long n) { moved += n; }

    synchronized void finish(Status next, String reason) {
        status = next;
        failureReason = reason;
    }

    /** Asks a running task to stop; false when it is not running. */
    synchronized boolean requestCancel() {
        if (status != Status.RUNNING) {
            return false;
        }
        status = Status.CANCELLING;
        return true;
    }

    synchronized MoveTaskView view() {
        return new MoveTaskView(status == Status.RUNNING ? handle() : null, status.name(), sourceArn, destinationArn,
                rate, moved, toMove, failureReason, startedMillis);
    }

    synchronized byte[] encode() {
        return SqsStoreLayout.write(out -> {
            RecordCodec.writeString(out, taskId);
            RecordCodec.writeString(out, sourceArn);
            RecordCodec.writeNullable(out, destinationArn);
            out.writeInt(rate == null ? 0 : rate);
            out.writeLong(startedMillis);
            out.writeLong(toMove);
            out.writeLong(moved);
            RecordCodec.writeString(out, status.name());
            RecordCodec.writeNullable(out, failureReason);
        });
    }

    static MoveTask decode(byte[] value) {
        return SqsStoreLayout.read(value, in -> {
            String id = RecordCodec.readString(in);
            String source = RecordCodec.readString(in);
            String destination = RecordCodec.readNullable(in);
            int rate = in.readInt();
            return new MoveTask(id, source, destination, rate == 0 ? null : rate, in.readLong(), in.readLong(),
                    in.readLong(), Status.valueOf(RecordCodec.readString(in)), RecordCodec.readNullable(in));
        });
    }
}
