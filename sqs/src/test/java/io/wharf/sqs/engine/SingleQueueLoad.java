package io.wharf.sqs.engine;

import io.wharf.storage.FsyncMode;
import io.wharf.storage.RocksStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * A micro-load on one busy queue over a durable store (fsync on every group), to see what a queue's lock
 * costs while commits are fsync'd. Off by default and asserts nothing: it only prints figures. Run with
 * {@code mvn -B -q -pl sqs -am test -Dtest=SingleQueueLoad -Dsurefire.failIfNoSpecifiedTests=false -Dwharf.load=true}.
 */
@EnabledIfSystemProperty(named = "wharf.load", matches = "true")
class SingleQueueLoad {
    private static final io.wharf.storage.crypto.MasterKey KEY = EngineFixture.MASTER_KEY;

    private static final int WORKERS = 8;
    private static final long RUN_MILLIS = 5_000;

    @TempDir
    Path dir;

    @Test
    void sendReceiveDeleteOnOneQueue() throws Exception {
        LongAdder requests = new LongAdder();
        LongAdder messages = new LongAdder();
        try (RocksStore store = RocksStore.open(dir.resolve("db"), FsyncMode.ALWAYS);
             SqsEngine engine = new SqsEngine(store, Clock.systemUTC(), SqsLimits.strict(), KEY)) {
            QueueId q = engine.createQueue(new QueueId("000000000000", "us-east-1", "load"), Map.of(), Map.of());
            long end = System.nanoTime() + RUN_MILLIS * 1_000_000;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> jobs = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    int worker = w;
                    jobs.add(pool.submit(() -> {
                        for (int round = 0; System.nanoTime() < end; round++) {
                            List<BatchEntry<SendCommand>> sends = new ArrayList<>();
                            for (int i = 0; i < 10; i++) {
                                sends.add(new BatchEntry<>("e" + i, SendCommand.of(worker + "-" + round + "-" + i)));
                            }
                            engine.sendMessageBatch(q, sends);
                            List<ReceivedMessage> got = engine.receiveMessage(q, ReceiveCommand.of(10));
                            List<BatchEntry<String>> deletes = new ArrayList<>();
                            for (int i = 0; i < got.size(); i++) {
                                deletes.add(new BatchEntry<>("d" + i, got.get(i).receiptHandle()));
                            }
                            if (!deletes.isEmpty()) {
                                engine.deleteMessageBatch(q, deletes);
                            }
                            requests.add(deletes.isEmpty() ? 2 : 3);
                            messages.add(10 + got.size() + deletes.size());
                        }
                        return null;
                    }));
                }
                for (Future<?> job : jobs) {
                    job.get();
                }
            }
        }
        double seconds = RUN_MILLIS / 1000.0;
        System.out.printf("SingleQueueLoad: %d workers, %.0f requests/s, %.0f message operations/s "
                        + "(each sent, received and deleted message counts once per operation)%n",
                WORKERS, requests.sum() / seconds, messages.sum() / seconds);
    }
}
