package io.wharf.bench.scale;

import io.wharf.bench.compare.Launch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code wharf-bench scale <case>}: starts a durable Wharf ({@code --fsync always}, a fresh data directory) with the
 * given heap, builds one case's work on it, and prints the result as JSON and as a short table.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Memory and latency as the work grows: queues, backlog, long-pollers, connections, shards, subscriptions, records.")
public final class ScaleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CASE", description = "queues, backlog, long-pollers, connections, shards, subscriptions or records")
    String caseName;

    @Option(names = "--heap", description = "Wharf's -Xmx. Default: ${DEFAULT-VALUE}", defaultValue = "8g")
    String heap;

    @Option(names = "--queues", defaultValue = "10000", description = "queues: queues. Default: ${DEFAULT-VALUE}")
    int queues;

    @Option(names = "--messages", defaultValue = "100", description = "queues: messages per queue. Default: ${DEFAULT-VALUE}")
    int messages;

    @Option(names = "--backlog", defaultValue = "10000000", description = "backlog: messages. Default: ${DEFAULT-VALUE}")
    long backlog;

    @Option(names = "--delay-seconds", defaultValue = "0",
            description = "backlog: every message's DelaySeconds (a backlog of delayed messages; with --fifo, the "
                    + "queue's DelaySeconds). Default: ${DEFAULT-VALUE}")
    int delaySeconds;

    @Option(names = "--fifo", description = "backlog: a FIFO queue, its messages in 100 groups.")
    boolean fifo;

    @Option(names = "--in-flight", description = "queues: then receive every message (12 h visibility, none deleted): "
            + "the heap per in-flight message, and the restart with them all in flight.")
    boolean inFlight;

    @Option(names = "--senders", defaultValue = "16", description = "SendMessageBatch calls in flight while filling. Default: ${DEFAULT-VALUE}")
    int senders;

    @Option(names = "--body-bytes", defaultValue = "256", description = "Message body size. Default: ${DEFAULT-VALUE}")
    int bodyBytes;

    @Option(names = "--pollers", defaultValue = "1000", description = "long-pollers: concurrent long polls. Default: ${DEFAULT-VALUE}")
    int pollers;

    @Option(names = "--connections", defaultValue = "2000", description = "connections: open connections. Default: ${DEFAULT-VALUE}")
    int connections;

    @Option(names = "--shards", defaultValue = "500", description = "shards: shards of the stream. Default: ${DEFAULT-VALUE}")
    int shards;

    @Option(names = "--consumers", defaultValue = "20", description = "shards: EFO consumers (AWS: 20 per stream). Default: ${DEFAULT-VALUE}")
    int consumers;

    @Option(names = "--subscriptions", defaultValue = "200", description = "shards: SubscribeToShard subscriptions. Default: ${DEFAULT-VALUE}")
    int subscriptions;

    @Option(names = "--topic-subscriptions", defaultValue = "1000", description = "subscriptions: SQS subscriptions of the topic. Default: ${DEFAULT-VALUE}")
    int topicSubscriptions;

    @Option(names = "--records", defaultValue = "10000000", description = "records: records in the stream's one shard. Default: ${DEFAULT-VALUE}")
    long records;

    @Option(names = "--samples", defaultValue = "1000", description = "Latency samples. Default: ${DEFAULT-VALUE}")
    int samples;

    @Option(names = "--wharf-jar", paramLabel = "JAR", description = "Default: server/target/wharf.jar under -Dwharf.root or here.")
    Path wharfJar;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Logs and the data directory. Default: a new temporary directory.")
    Path workDirectory;

    @Option(names = "--server-jvm-arg", paramLabel = "OPTION", description = "Extra JVM option for Wharf (repeatable).")
    List<String> serverJvmArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ScaleCase scaleCase = ScaleCase.named(caseName);
        Path work = workDirectory != null ? Files.createDirectories(workDirectory)
                : Files.createTempDirectory("wharf-bench-scale-");
        Path root = Path.of(System.getProperty("wharf.root", "."));
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap, "-Xms" + heap));
        jvm.addAll(serverJvmArgs);
        Launch launch = new Launch(Path.of(ProcessHandle.current().info().command().orElse("java")),
                wharfJar != null ? wharfJar : root.resolve("server/target/wharf.jar"), work, jvm, null, null, null, work);
        ScaleOptions options = new ScaleOptions(queues, messages, backlog, senders, bodyBytes, pollers, connections,
                shards, consumers, subscriptions, topicSubscriptions, samples, delaySeconds, fifo,
                inFlight, records);
        System.err.println("wharf-bench scale: " + caseName + " on a durable Wharf (-Xmx" + heap + "), work in " + work);
        ScaleResult result;
        try (ProcessServer server = new ProcessServer(launch)) {
            result = scaleCase.run(server, options);
        }
        System.out.println(result.toJson());
        System.out.print(result.toTable());
        return result.errors() == 0 ? 0 : 1;
    }
}
