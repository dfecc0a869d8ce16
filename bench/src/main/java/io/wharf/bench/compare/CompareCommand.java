package io.wharf.bench.compare;

import io.wharf.bench.kinesis.KinesisWire;
import io.wharf.bench.measure.Result;
import io.wharf.bench.mq.BenchBroker;
import io.wharf.bench.mq.BrokerSettings;
import io.wharf.bench.measure.ResultJson;
import io.wharf.bench.scenario.ScenarioSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code wharf-bench compare}: start the targets, run every scenario against each target that serves it
 * in turn (the order of targets flips every round, so none always goes first), print a JSON line per run
 * and the table. A target that doesn't speak a scenario's service (ElasticMQ and Kinesis, kinesalite and
 * SQS) sits that scenario out; each scenario's ratios are against its own baseline.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Start Wharf and its peers on loopback, run the same scenarios against each, print ratios.")
public final class CompareCommand implements Callable<Integer> {
    /** The broker user of every broker a compare runs mq-* against. */
    static final String BROKER_USER = "wharf-bench";

    @Option(names = "--targets", split = ",", paramLabel = "TARGET", defaultValue = "wharf,elasticmq,floor",
            description = "wharf (fsync always), wharf-fsync-never, wharf-in-memory, wharf-auth (fsync always, --auth enforce), elasticmq, kinesalite, moto, dynalite, activemq (standalone ActiveMQ Classic, for mq-*), floor (canned answers, no work: the ceiling), floor-durable (the floor plus a group-committed log of every write: a durable server's ceiling) (default: ${DEFAULT-VALUE}).")
    List<String> targets;

    @Option(names = "--scenarios", split = ",", paramLabel = "SCENARIO",
            defaultValue = "sqs-send,sqs-roundtrip,sqs-roundtrip@1000,sqs-single",
            description = "Scenarios; NAME@RATE runs at a fixed rate in msgs (records)/s (default: ${DEFAULT-VALUE}).")
    List<String> scenarios;

    @Option(names = "--baseline", paramLabel = "TARGET", description = "Ratios are against this target where it "
            + "ran the scenario (default: per scenario, the first peer that ran it, else the first target).")
    String baseline;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
            description = "Runs per scenario and target; the table shows the median run (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--wharf-jar", paramLabel = "JAR", description = "Default: server/target/wharf.jar under -Dwharf.root or here.")
    Path wharfJar;

    @Option(names = "--before-jar", paramLabel = "JAR", description = "The Wharf jar the wharf-before and "
            + "wharf-in-memory-before targets run: an earlier build, to measure a change against it in one run.")
    Path beforeJar;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Logs, configs and data (default: a new temp directory).")
    Path workDirectory;

    @Option(names = "--server-jvm-arg", paramLabel = "OPTION", description = "Extra JVM option for every Java server: Wharf, ElasticMQ, ActiveMQ (repeatable).")
    List<String> serverJvmArgs = new ArrayList<>();

    @Option(names = "--elasticmq-version", paramLabel = "VERSION", defaultValue = "1.7.1",
            description = "org.elasticmq:elasticmq-server_2.13 version (default: ${DEFAULT-VALUE}).")
    String elasticMqVersion;

    @Option(names = "--kinesalite-version", paramLabel = "VERSION", defaultValue = "3.3.3",
            description = "kinesalite version npm installs (default: ${DEFAULT-VALUE}).")
    String kinesaliteVersion;

    @Option(names = "--dynalite-version", paramLabel = "VERSION", defaultValue = "4.0.0",
            description = "dynalite version npm installs (default: ${DEFAULT-VALUE}).")
    String dynaliteVersion;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where peers installed with npm are kept "
            + "(default: $WHARF_BENCH_CACHE, else $XDG_CACHE_HOME/wharf-bench, else ~/.cache/wharf-bench).")
    Path cacheDirectory;

    @Option(names = "--store-stats", description = "Durable Wharf targets log their store's statistics (RocksDB "
            + "tickers, Wharf's puts and deletes, JVM allocation) to <work-dir>/<target>-store-stats.log; each run gets "
            + "the figures per message over its window (store.* in its JSON line, and a block after the tables).")
    boolean storeStatistics;

    @Option(names = "--jfr", description = "Wharf targets record a JFR profile (settings=profile) into "
            + "<work-dir>/<target>.jfr, written when they stop; read it with jfr view hot-methods FILE.")
    boolean jfr;

    @Mixin
    io.wharf.bench.LoadOptions load;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Target> chosen = targets.stream().map(Target::named).toList();
        List<ScenarioSpec> specs = scenarios.stream().map(ScenarioSpec::parse).toList();
        if (load.ratePerSecond() > 0) {
            throw new IllegalArgumentException("a compare names its rates per scenario: --scenarios sqs-roundtrip@"
                    + load.ratePerSecond() + " instead of --rate");
        }
        if (rounds < 1 || rounds > 20) {
            throw new IllegalArgumentException("--rounds must be 1..20, got " + rounds);
        }
        for (ScenarioSpec spec : specs) {
            if (servedBy(chosen, spec).isEmpty()) {
                throw new IllegalArgumentException("no target among " + targets + " serves " + spec.label());
            }
        }
        Target explicitBaseline = baseline != null ? Target.named(baseline) : null;
        if (chosen.contains(Target.KINESALITE) && load.kinesis().wire() == KinesisWire.CBOR) {
            throw new IllegalArgumentException("kinesalite's CBOR is not what the SDK for Java v2 parses "
                    + "(timestamps in seconds, GetRecords fails): compare it with --kinesis-wire json");
        }
        Path work = workDirectory != null ? Files.createDirectories(workDirectory)
                : Files.createTempDirectory("wharf-bench-");
        Path root = Path.of(System.getProperty("wharf.root", "."));
        Launch launch = new Launch(Path.of(ProcessHandle.current().info().command().orElse("java")),
                wharfJar != null ? wharfJar : root.resolve("server/target/wharf.jar"), work,
                List.copyOf(serverJvmArgs), elasticMqVersion, kinesaliteVersion, dynaliteVersion,
                cacheDirectory != null ? cacheDirectory
                        : Launch.defaultCacheDirectory(System.getenv(), Path.of(System.getProperty("user.home"))),
                storeStatistics, jfr, beforeJar, new BrokerSettings(null, BROKER_USER, brokerPassword()));
        ScenarioSettings settings = load.settings(java.net.URI.create("http://unused"), "unused", 0);
        System.err.println("wharf-bench: compare in " + work);
        for (ScenarioSpec spec : specs) {
            sitOutNotes(chosen, spec).forEach(System.err::println);
        }

        Map<Target, ServerProcess> servers = new LinkedHashMap<>();
        Map<Target, BenchBroker> brokers = new LinkedHashMap<>();
        Map<String, List<Result>> runs = new LinkedHashMap<>();
        FullSpeedWarmUp fullSpeed = new FullSpeedWarmUp();
        try {
            for (Target target : chosen) {
                ServerProcess server = target.start(launch);
                servers.put(target, server);
                System.err.println("wharf-bench: " + server.name() + " up at " + server.endpoint() + " (pid " + server.pid() + ")");
            }
            for (int round = 0; round < rounds; round++) {
                for (ScenarioSpec spec : specs) {
                    List<Target> order = new ArrayList<>(servedBy(chosen, spec));
                    if (round % 2 == 1) {
                        java.util.Collections.reverse(order);
                    }
                    for (Target target : order) {
                        ServerProcess server = servers.get(target);
                        System.err.println("wharf-bench: round " + (round + 1) + "/" + rounds + ": "
                                + spec.label() + " against " + server.name());
                        ScenarioSettings runSettings = settings
                                .withEndpoint(server.endpoint(), server.name(), server.pid())
                                .withRate(spec.ratePerSecond());
                        if (isBrokerScenario(spec)) {
                            runSettings = runSettings.withBroker(launch.brokerUser().at(
                                    brokerEndpoint(target, server, launch, brokers)));
                        }
                        fullSpeed.before(spec, runSettings, server.name());
                        Result result = spec.scenario().run(runSettings);
                        java.util.OptionalLong jit = io.wharf.bench.measure.Window.lastServerJitMillis();
                        if (jit.isPresent()) {
                            result = result.withParameter(Result.SERVER_JIT_MILLIS, Long.toString(jit.getAsLong()));
                        }
                        if (storeStatistics && target.isWharf()) {
                            result = StoreFigures.addTo(result, launch.storeStatisticsFile(target.label()),
                                    io.wharf.bench.measure.Window.lastEdges());
                        }
                        System.out.println(ResultJson.line(result));
                        runs.computeIfAbsent(spec.label() + "\u0000" + server.name(), k -> new ArrayList<>()).add(result);
                    }
                }
            }
        } finally {
            for (BenchBroker broker : brokers.values()) {
                broker.close();
            }
            for (ServerProcess server : servers.values()) {
                server.close();
            }
            for (Target target : chosen) {
                deleteTree(work.resolve(target.label() + "-data"));
            }
        }
        Map<String, List<Result>> table = new LinkedHashMap<>();
        System.out.println();
        for (ScenarioSpec spec : specs) {
            List<Target> served = servedBy(chosen, spec);
            List<Result> medians = new ArrayList<>();
            for (Target target : served) {
                medians.add(median(runs.get(spec.label() + "\u0000" + servers.get(target).name()), spec.ratePerSecond() > 0));
            }
            table.put(spec.label(), medians);
            System.out.print(ComparisonTable.render(Map.of(spec.label(), medians),
                    baselineFor(served, explicitBaseline).label()));
        }
        System.out.print(StoreFigures.render(runs.values().stream().flatMap(List::stream).toList()));
        System.err.println("wharf-bench: server logs in " + work);
        boolean allDelivered = table.values().stream().flatMap(List::stream).allMatch(r -> r.messages() > 0);
        return allDelivered ? 0 : 1;
    }

    /** Whether {@code spec} runs against a message broker (mq-*) rather than an AWS endpoint. */
    static boolean isBrokerScenario(ScenarioSpec spec) {
        return spec.scenario().name().startsWith("mq-");
    }

    /**
     * Where a broker scenario connects on {@code target}: the activemq peer's own OpenWire endpoint; on a Wharf target,
     * the endpoint of a broker created through that Wharf's MQ API the first time it is needed (deleted at the end).
     */
    private static java.net.URI brokerEndpoint(Target target, ServerProcess server, Launch launch,
                                               Map<Target, BenchBroker> brokers) throws InterruptedException {
        if (!target.isWharf()) {
            return server.endpoint();
        }
        BenchBroker broker = brokers.get(target);
        if (broker == null) {
            System.err.println("wharf-bench: creating an ActiveMQ broker through " + server.name() + "'s MQ API");
            broker = BenchBroker.create(server.endpoint(), "wharf-bench-" + target.label(), launch.brokerUser());
            brokers.put(target, broker);
            System.err.println("wharf-bench: broker " + broker.brokerId() + " running at " + broker.openWire());
        }
        return broker.openWire();
    }

    /** A fresh password per compare, as Amazon MQ takes it (12 or more characters, none of {@code ,:=}). */
    static String brokerPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder password = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    /** The chosen targets that speak what {@code spec} needs, in the order they were named. */
    static List<Target> servedBy(List<Target> chosen, ScenarioSpec spec) {
        return chosen.stream().filter(t -> t.serves(spec.scenario().name())).toList();
    }

    /** One line per chosen target that does not serve {@code spec}, saying why. */
    static List<String> sitOutNotes(List<Target> chosen, ScenarioSpec spec) {
        return chosen.stream().filter(t -> !t.serves(spec.scenario().name()))
                .map(t -> "wharf-bench: " + t.label() + " sits out " + spec.label() + ": it serves " + t.servesWhat())
                .toList();
    }

    /**
     * The explicit baseline where it ran the scenario; else the first peer (not the floor) that did; else the first
     * target that is not the floor; else the floor.
     */
    static Target baselineFor(List<Target> served, Target explicit) {
        if (explicit != null && served.contains(explicit)) {
            return explicit;
        }
        return served.stream().filter(t -> !t.isWharf() && !t.isFloor()).findFirst()
                .or(() -> served.stream().filter(t -> !t.isFloor()).findFirst())
                .orElse(served.getFirst());
    }

    /**
     * The run in the middle (of an even count, the better of the two middle ones): by msgs/s at full speed; at a fixed rate,
     * where every run delivers the same msgs/s, by the p99 of the scenario's main latency.
     */
    private static Result median(List<Result> results, boolean fixedRate) {
        List<Result> sorted = new ArrayList<>(results);
        sorted.sort(fixedRate ? Comparator.comparingDouble((Result r) -> -r.primary().p99Millis())
                : Comparator.comparingDouble(Result::messagesPerSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
