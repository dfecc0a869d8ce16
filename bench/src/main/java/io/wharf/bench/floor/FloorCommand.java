package io.wharf.bench.floor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code wharf-bench floor}: runs the floor server until stopped and prints {@code floor listening on URL} once it
 * listens (what a compare waits for).
 */
@Command(name = "floor", mixinStandardHelpOptions = true,
        description = "Run the floor server: valid SQS (JSON) and Kinesis (JSON, CBOR) answers for the scenarios' calls, no work behind them (or, with --journal-dir, the least work a durable server does).")
public final class FloorCommand implements Callable<Integer> {
    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "Port to bind; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Event-loop threads; 0 means one per available processor (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--journal-dir", paramLabel = "DIR",
            description = "Make every send, delete and put durable before it is answered: appended to a log in DIR, "
                    + "group-committed with one fdatasync per group (the floor-durable target). Default: nothing is written.")
    Path journalDirectory;

    @Override
    public Integer call() throws InterruptedException, IOException {
        Journal journal = journalDirectory == null ? Journal.NONE : Journal.open(journalDirectory);
        try (FloorServer server = FloorServer.start(host, port, threads, journal)) {
            System.out.println("floor listening on " + server.endpoint());
            System.out.flush();
            server.awaitClose();
        }
        return 0;
    }
}
