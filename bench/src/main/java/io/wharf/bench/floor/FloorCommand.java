package io.wharf.bench.floor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code wharf-bench floor}: runs the floor server until stopped and prints {@code floor listening on URL} once it
 * listens (what a compare waits for).
 */
@Command(name = "floor", mixinStandardHelpOptions = true,
        description = "Run the floor server: valid SQS (JSON) and Kinesis (JSON, CBOR) answers for the scenarios' calls, no work behind them.")
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

    @Override
    public Integer call() throws InterruptedException {
        try (FloorServer server = FloorServer.start(host, port, threads)) {
            System.out.println("floor listening on " + server.endpoint());
            System.out.flush();
            server.awaitClose();
        }
        return 0;
    }
}
