package io.wharf.bench.compare;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The servers a compare can start, and which scenarios each can serve. Wharf runs from its jar on port 0
 * and says where it listens; its durable targets get a fresh data directory each; it serves every
 * scenario. ElasticMQ (SQS only) runs in memory (its default) on a port picked here; kinesalite (Kinesis
 * without consumers, so no SubscribeToShard) runs in memory on a port picked here; so do moto (S3 and Firehose) and
 * dynalite (DynamoDB). ActiveMQ (mq-*) runs standalone and durable (KahaDB), as Wharf runs its brokers; a Wharf target
 * serves mq-* through a broker the compare creates with its MQ API.
 */
public enum Target {
    /** Wharf's defaults: durable, every acknowledged write fsync'd (group commit). */
    WHARF("wharf", scenario -> true, "every scenario", "--fsync", "always"),
    WHARF_FSYNC_NEVER("wharf-fsync-never", scenario -> true, "every scenario", "--fsync", "never"),
    WHARF_IN_MEMORY("wharf-in-memory", scenario -> true, "every scenario", "--in-memory"),
    /**
     * {@link #WHARF} and {@link #WHARF_IN_MEMORY} from another build of Wharf ({@code --before-jar}): a change measured
     * against what it changed, in the same run.
     */
    WHARF_BEFORE("wharf-before", scenario -> true, "every scenario", "--fsync", "always"),
    WHARF_IN_MEMORY_BEFORE("wharf-in-memory-before", scenario -> true, "every scenario", "--in-memory"),
    /**
     * Durable Wharf verifying every signature and enforcing policies, with the bench clients' key as the root key:
     * what authentication costs, against {@link #WHARF}. Not for sns-fanout (its queues have no policy letting SNS in).
     */
    WHARF_AUTH("wharf-auth", scenario -> !scenario.startsWith("sns-"),
            "every scenario but sns-* (its queues have no policy letting SNS in)", "--fsync", "always", "--auth", "enforce",
            "--root-access-key-id", "AKIDEXAMPLE", "--root-secret-access-key", "bench-secret"),
    ELASTICMQ("elasticmq", scenario -> scenario.startsWith("sqs-"), "SQS only"),
    KINESALITE("kinesalite", scenario -> scenario.startsWith("kinesis-") && !scenario.equals("kinesis-subscribe"),
            "Kinesis without consumers (no SubscribeToShard), and no DynamoDB or CloudWatch for a KCL"),
    /** moto_server: S3 and Firehose (the s3-* and firehose-* scenarios). */
    MOTO("moto", scenario -> scenario.startsWith("s3-") || scenario.startsWith("firehose-"), "S3 and Firehose only"),
    /** dynalite: DynamoDB (the dynamodb-* scenarios). */
    DYNALITE("dynalite", scenario -> scenario.startsWith("dynamodb-"), "DynamoDB only (no Kinesis for a KCL)"),
    /**
     * A standalone ActiveMQ Classic broker ({@code io.wharf.bench.mq.StandaloneActiveMq}, the version Wharf embeds, set up
     * as Wharf sets up its brokers) in its own JVM: what Wharf's embedding is measured against in {@code mq-jms}.
     */
    ACTIVEMQ("activemq", scenario -> scenario.startsWith("mq-"), "Amazon MQ's ActiveMQ brokers over OpenWire only (mq-*)"),
    /**
     * The floor ({@code io.wharf.bench.floor}): valid canned answers and no work behind them, in its own JVM from the
     * load generator's own class path. What the client and the machine reach at all; never a baseline unless named.
     */
    FLOOR("floor", Target::floorServes,
            "the sqs-* and kinesis-put/kinesis-roundtrip scenarios (no SNS, no SubscribeToShard, no S3, Firehose, DynamoDB or KCL)"),
    /**
     * The floor with the least a durable server must add: every send, delete and put appended to a log in its own data
     * directory and group-committed (one {@code fdatasync} per group) before it is answered. What a durable server
     * reaches at all on this machine and disk; never a baseline unless named.
     */
    FLOOR_DURABLE("floor-durable", Target::floorServes, FLOOR.servesWhat);

    private static final Pattern WHARF_LISTENING = Pattern.compile("listening on (http://[0-9.]+:[0-9]+)");
    private static final Pattern FLOOR_LISTENING = Pattern.compile("floor listening on (http://[0-9.]+:[0-9]+)");

    private final String label;
    private final Predicate<String> serves;
    private final String servesWhat;
    private final List<String> wharfFlags;

    Target(String label, Predicate<String> serves, String servesWhat, String... wharfFlags) {
        this.label = label;
        this.serves = serves;
        this.servesWhat = servesWhat;
        this.wharfFlags = List.of(wharfFlags);
    }

    public String label() {
        return label;
    }

    /** Whether this target speaks the service(s) a scenario uses (by the scenario's name, without a rate). */
    public boolean serves(String scenarioName) {
        return serves.test(scenarioName);
    }

    /** What this target serves, in words: the reason it sits out the scenarios it doesn't. */
    public String servesWhat() {
        return servesWhat;
    }

    /** Wharf in one of its storage modes, as opposed to a peer. */
    public boolean isWharf() {
        return label.startsWith("wharf");
    }

    /** One of the floors, which measure the machine rather than a server. */
    public boolean isFloor() {
        return this == FLOOR || this == FLOOR_DURABLE;
    }

    private static boolean floorServes(String scenario) {
        return scenario.startsWith("sqs-") || scenario.equals("kinesis-put") || scenario.equals("kinesis-roundtrip");
    }

    public static Target named(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no target '" + label + "'; known: "
                        + String.join(", ", Arrays.stream(values()).map(Target::label).toList())));
    }

    public ServerProcess start(Launch launch) throws IOException, InterruptedException {
        Path log = launch.workDirectory().resolve(label + ".log");
        if (this == ELASTICMQ) {
            return ElasticMq.start(launch, log);
        }
        if (this == KINESALITE) {
            return Kinesalite.start(launch, log);
        }
        if (this == MOTO) {
            return Moto.start(launch, log);
        }
        if (this == DYNALITE) {
            return Dynalite.start(launch, log);
        }
        if (this == ACTIVEMQ) {
            return ActiveMqPeer.start(launch, label, log);
        }
        if (isFloor()) {
            return ServerProcess.start(label, floorCommand(launch, System.getProperty("java.class.path")), log, output -> {
                Matcher listening = FLOOR_LISTENING.matcher(output);
                return listening.find() ? URI.create(listening.group(1)) : null;
            });
        }
        Path jar = label.endsWith("-before") ? launch.beforeJar() : launch.wharfJar();
        if (jar == null) {
            throw new IllegalStateException("the target " + label + " runs the jar --before-jar names; none was given");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no Wharf jar at " + jar
                    + "; build it: mvn -B -q -DskipTests -pl server -am package");
        }
        List<String> command = new ArrayList<>(List.of(launch.java().toString(), "--enable-native-access=ALL-UNNAMED"));
        command.addAll(launch.serverJvmArgs());
        command.addAll(measuringJvmArgs(launch));
        command.addAll(List.of("-jar", jar.toString(), "--host", "127.0.0.1", "--port", "0"));
        if (!wharfFlags.contains("--in-memory")) {
            command.addAll(List.of("--data-dir", launch.workDirectory().resolve(label + "-data").toString()));
        }
        command.addAll(wharfFlags);
        return ServerProcess.start(label, command, log, output -> {
            Matcher listening = WHARF_LISTENING.matcher(output);
            return listening.find() ? URI.create(listening.group(1)) : null;
        });
    }

    /**
     * What {@code --store-stats} and {@code --jfr} add to this Wharf target's JVM: the store's statistics log (durable
     * targets only: in memory there is no RocksDB) and a JFR recording with the {@code profile} settings (Java CPU samples
     * every 10 ms, allocation samples), written when the server stops.
     */
    List<String> measuringJvmArgs(Launch launch) {
        List<String> args = new ArrayList<>();
        if (launch.storeStatistics() && !wharfFlags.contains("--in-memory")) {
            args.add("-Dwharf.storage.statistics=" + launch.storeStatisticsFile(label));
        }
        if (launch.jfr()) {
            args.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + launch.jfrFile(label));
        }
        return args;
    }

    /**
     * The floor runs from the load generator's own class path (the bench jar, or the test class path), without the
     * servers' extra JVM options (they are meant for Wharf and the peers: a JFR file name would clash). The durable
     * floor journals into {@code <work-dir>/floor-durable-data}.
     */
    List<String> floorCommand(Launch launch, String classPath) {
        List<String> command = new ArrayList<>(List.of(launch.java().toString(), "-cp", classPath, "io.wharf.bench.Main",
                "floor", "--host", "127.0.0.1", "--port", "0"));
        if (this == FLOOR_DURABLE) {
            command.addAll(List.of("--journal-dir", launch.workDirectory().resolve(label + "-data").toString()));
        }
        return command;
    }
}
