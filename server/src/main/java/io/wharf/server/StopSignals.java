package io.wharf.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIGTERM and SIGINT, counted. The JVM on its own runs the shutdown hooks on the first signal and ignores the rest
 * while they run, so a server waiting for 20-second long polls could not be hurried with a second Ctrl-C. Here:
 * <ol>
 *   <li>the first signal exits the JVM as it would have (status 128 + signal), which runs the graceful stop;</li>
 *   <li>the second interrupts that stop: it no longer waits for in-flight requests, and still closes the store;</li>
 *   <li>a third halts the JVM at once (the store is crash-safe, as {@code kill -9} tests show).</li>
 * </ol>
 * Uses {@code sun.misc.Signal} (module jdk.unsupported, present in every JDK); where signals cannot be handled
 * (e.g. {@code -Xrs}) the JVM's default stays.
 */
final class StopSignals {
    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    /** @param shutdown the registered shutdown hook that runs the graceful stop */
    @SuppressWarnings("removal")
    static void install(Thread shutdown) {
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    int status = 128 + signal.getNumber();
                    switch (received.incrementAndGet()) {
                        case 1 -> {
                            log.info("SIG{} received: stopping (send it again to stop without waiting)", signal.getName());
                            Thread.ofPlatform().name("wharf-exit").start(() -> System.exit(status));
                        }
                        case 2 -> {
                            log.warn("SIG{} received again: stopping now, not waiting for in-flight requests",
                                    signal.getName());
                            shutdown.interrupt();
                        }
                        default -> {
                            log.warn("SIG{} received a third time: halting", signal.getName());
                            Runtime.getRuntime().halt(status);
                        }
                    }
                });
            } catch (IllegalArgumentException e) {
                log.debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }
}
