package io.wharf.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The callers of a run, one virtual thread each: a caller is a plain loop that blocks on each answer,
 * which is what "C concurrent callers" means. Joining is bounded; a caller still stuck in a call after
 * the limit is interrupted and left behind (the client's close ends its call).
 */
public final class Workers {
    private final List<Thread> threads = new ArrayList<>();

    public void start(String name, Runnable loop) {
        threads.add(Thread.ofVirtual().name(name).start(loop));
    }

    public void awaitAll(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                thread.interrupt();
            }
        }
    }
}
