package io.wharf.sqs.engine;

import io.wharf.sqs.SqsErrors;
import io.wharf.storage.Commit;
import io.wharf.storage.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Message move tasks (sqs.md §2.13): each runs on its own virtual thread, taking visible messages out of the
 * dead-letter queue and redriving them to the destination (or each message's original source), at the requested
 * rate or as fast as possible. {@link #close()} stops the workers; running tasks resume after a restart.
 */
final class MoveTasks implements AutoCloseable {
    private static final int FAST_BATCH = 10;

    private final EngineContext ctx;
    private final Supplier<Collection<Queue>> allQueues;
    private final Map<String, MoveTask> tasks = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("sqs-move-task-", 0).factory());

    MoveTasks(EngineContext ctx, Supplier<Collection<Queue>> allQueues) {
        this.ctx = ctx;
        this.allQueues = allQueues;
    }

    void recover() {
        ctx.store().scan(ctx.layout().tasks, new byte[0], (key, value) -> {
            MoveTask task = MoveTask.decode(value);
            tasks.put(task.taskId, task);
            if (task.status() == MoveTask.Status.CANCELLING) {
                task.finish(MoveTask.Status.CANCELLED, null);
            } else if (task.status() == MoveTask.Status.RUNNING) {
                workers.submit(() -> run(task));
            }
        });
    }

    synchronized String start(String sourceArn, String destinationArn, Integer rate) {
        if (rate != null && (rate < 1 || rate > 500)) {
            throw SqsErrors.invalidParameter("MaxNumberOfMessagesPerSecond", rate,
                    "MaxNumberOfMessagesPerSecond must be between 1 and 500.");
        }
        Queue source = find(sourceArn);
        if (source == null) {
            throw SqsErrors.RESOURCE_NOT_FOUND.error(
                    "The resource that you specified for the SourceArn parameter doesn't exist.");
        }
        boolean isDeadLetterQueue = allQueues.get().stream().map(q -> q.settings().redrivePolicy())
                .anyMatch(p -> p != null && source.id().equals(p.deadLetterTarget()));
        if (!isDeadLetterQueue) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.error("Source queue must be configured as a Dead Letter Queue.");
        }
        if (destinationArn != null && find(destinationArn) == null) {
            throw SqsErrors.RESOURCE_NOT_FOUND.error(
                    "The resource that you specified for the DestinationArn parameter doesn't exist.");
        }
        boolean running = tasks.values().stream().anyMatch(t -> t.sourceArn.equals(source.id().arn())
                && (t.status() == MoveTask.Status.RUNNING || t.status() == MoveTask.Status.CANCELLING));
        if (running) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.error("There is already a task running. Only one active task "
                    + "is allowed for a source queue arn at a given time.");
        }
        long toMove;
        Commit advanced;
        source.lock.lock();
        try {
            // bring the queue up to now first, so messages whose timers ran out count as visible
            WriteBatch batch = new WriteBatch();
            source.advance(ctx.clock().millis(), batch);
            advanced = ctx.store().submit(batch);
            toMove = source.visibleCount();
        } finally {
            source.lock.unlock();
        }
        advanced.await();
        MoveTask task = new MoveTask(UUID.randomUUID().toString(), source.id().arn(), destinationArn, rate,
                ctx.clock().millis(), toMove, 0, MoveTask.Status.RUNNING, null);
        persist(task);
        tasks.put(task.taskId, task);
        workers.submit(() -> run(task));
        return task.handle();
    }

    long cancel(String handle) {
        String[] parsed = handle == null ? null : MoveTask.parseHandle(handle);
        if (parsed == null) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.error("Value for parameter TaskHandle is invalid.");
        }
        if (find(parsed[1]) == null) {
            throw SqsErrors.RESOURCE_NOT_FOUND.error(
                    "The resource that you specified for the SourceArn parameter doesn't exist.");
        }
        MoveTask task = tasks.get(parsed[0]);
        if (task == null) {
            throw SqsErrors.RESOURCE_NOT_FOUND.error("Task does not exist.");
        }
        if (!task.requestCancel()) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.error("Only active tasks can be cancelled.");
        }
        persist(task);
        return task.moved();
    }

    List<MoveTaskView> list(String sourceArn, Integer maxResults) {
        int max = maxResults == null ? 1 : maxResults;
        if (max < 1 || max > 10) {
            throw SqsErrors.invalidParameter("MaxResults", max, "Value must be between 1 and 10.");
        }
        if (find(sourceArn) == null) {
            throw SqsErrors.RESOURCE_NOT_FOUND.error(
                    "The resource that you specified for the SourceArn parameter doesn't exist.");
        }
        List<MoveTask> matching = new ArrayList<>(tasks.values().stream()
                .filter(t -> t.sourceArn.equals(sourceArn)).toList());
        matching.sort(Comparator.comparingLong((MoveTask t) -> t.startedMillis).reversed());
        return matching.stream().limit(max).map(MoveTask::view).toList();
    }

    private void run(MoveTask task) {
        try {
            long pauseMillis = task.rate == null ? 0 : Math.max(1, 1000 / task.rate);
            while (task.status() == MoveTask.Status.RUNNING && task.moved() < task.toMove) {
                Queue source = find(task.sourceArn);
                if (source == null) {
                    task.finish(MoveTask.Status.FAILED, "AWS.SimpleQueueService.NonExistentQueue");
                    break;
                }
                int room = (int) Math.min(task.rate == null ? FAST_BATCH : 1, task.toMove - task.moved());
                List<Message> taken = take(source, room);
                if (taken.isEmpty()) {
                    break; // the backlog drained by other means
                }
                for (int i = 0; i < taken.size(); i++) {
                    Message m = taken.get(i);
                    String target = task.destinationArn;
                    if (target == null) {
                        MessageContent content;
                        try {
                            content = ContentMemory.load(ctx, source.number(), m);
                        } catch (io.wharf.protocol.AwsException refused) { // KMS refused the source's data key
                            Transfers.putBack(source, taken.subList(i, taken.size()));
                            task.finish(MoveTask.Status.FAILED, refused.code());
                            break;
                        }
                        if (content == null) {
                            continue; // the source was purged meanwhile: nothing left to move
                        }
                        target = content.deadLetterSourceArn();
                    }
                    Queue destination = target == null ? null : find(target);
                    if (destination == null) {
                        Transfers.redrive(ctx, source, List.of(m), source); // put back, then give up
                        task.finish(MoveTask.Status.FAILED, "AWS.SimpleQueueService.NonExistentQueue");
                        break;
                    }
                    try {
                        if (Transfers.redrive(ctx, source, List.of(m), destination)) {
                            task.addMoved(1);
                        }
                    } catch (io.wharf.protocol.AwsException refused) { // m went back; so do the rest
                        Transfers.putBack(source, taken.subList(i + 1, taken.size()));
                        task.finish(MoveTask.Status.FAILED, refused.code());
                        break;
                    }
                }
                persist(task);
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
            MoveTask.Status status = task.status();
            if (status == MoveTask.Status.RUNNING) {
                task.finish(MoveTask.Status.COMPLETED, null);
            } else if (status == MoveTask.Status.CANCELLING) {
                task.finish(MoveTask.Status.CANCELLED, null);
            }
            persist(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: the task stays RUNNING in the store and resumes
        }
    }

    /** Takes up to {@code n} visible messages out of the source's memory (the store delete comes with the move). */
    private List<Message> take(Queue source, int n) {
        List<Message> taken = new ArrayList<>();
        Commit pending = Commit.DONE;
        source.lock.lock();
        try {
            if (source.deleted) {
                return taken;
            }
            WriteBatch batch = new WriteBatch();
            long now = ctx.clock().millis();
            source.advance(now, batch);
            if (!batch.isEmpty()) {
                pending = ctx.store().submit(batch);
            }
            if (source.receivable(now).isEmpty()) {
                source.reachFurther(now, Integer.MAX_VALUE); // a FIFO source's backlog: its next page, in order
            }
            for (Message m : source.receivable(now).values()) { // a FIFO source's backlog comes in first, in order
                if (taken.size() == n) {
                    break;
                }
                taken.add(m);
            }
            taken.forEach(source::remove);
        } finally {
            source.lock.unlock();
        }
        pending.await();
        return taken;
    }

    private Queue find(String arn) {
        QueueId id = QueueId.fromArn(arn);
        return id == null ? null : ctx.queues().apply(id);
    }

    private void persist(MoveTask task) {
        ctx.store().commit(new WriteBatch().put(ctx.layout().tasks, task.taskId.getBytes(StandardCharsets.UTF_8),
                task.encode()));
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
