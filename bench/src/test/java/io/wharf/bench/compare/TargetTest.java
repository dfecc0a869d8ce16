package io.wharf.bench.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which target serves which scenario, the baseline of each, and how kinesalite is installed and started. */
class TargetTest {

    @Test
    void eachPeerServesOnlyItsService() {
        assertThat(Target.named("kinesalite")).isEqualTo(Target.KINESALITE);
        assertThat(Target.KINESALITE.serves("kinesis-put")).isTrue();
        assertThat(Target.KINESALITE.serves("kinesis-roundtrip")).isTrue();
        assertThat(Target.KINESALITE.serves("kinesis-subscribe")).as("kinesalite has no consumers").isFalse();
        assertThat(Target.KINESALITE.serves("sqs-send")).isFalse();
        assertThat(Target.ELASTICMQ.serves("sqs-roundtrip")).isTrue();
        assertThat(Target.ELASTICMQ.serves("kinesis-put")).isFalse();
        assertThat(Target.ELASTICMQ.serves("sns-fanout")).isFalse();
        assertThat(Target.WHARF.serves("kinesis-subscribe")).isTrue();
        assertThat(Target.WHARF_IN_MEMORY.serves("sns-fanout")).isTrue();
        assertThatThrownBy(() -> Target.named("kinesis-mock")).hasMessageContaining("kinesalite");
    }

    @Test
    void eachScenarioRunsOnTheTargetsThatServeItAgainstItsOwnPeer() {
        List<Target> chosen = List.of(Target.WHARF, Target.ELASTICMQ, Target.KINESALITE);

        List<Target> kinesis = CompareCommand.servedBy(chosen, ScenarioSpec.parse("kinesis-roundtrip@2000"));
        List<Target> sqs = CompareCommand.servedBy(chosen, ScenarioSpec.parse("sqs-send"));

        assertThat(kinesis).containsExactly(Target.WHARF, Target.KINESALITE);
        assertThat(sqs).containsExactly(Target.WHARF, Target.ELASTICMQ);
        assertThat(CompareCommand.baselineFor(kinesis, null)).isEqualTo(Target.KINESALITE);
        assertThat(CompareCommand.baselineFor(sqs, null)).isEqualTo(Target.ELASTICMQ);
        assertThat(CompareCommand.baselineFor(kinesis, Target.ELASTICMQ)).as("not in this block").isEqualTo(Target.KINESALITE);
        assertThat(CompareCommand.baselineFor(kinesis, Target.WHARF)).isEqualTo(Target.WHARF);
        assertThat(CompareCommand.baselineFor(List.of(Target.WHARF_IN_MEMORY, Target.WHARF), null)).isEqualTo(Target.WHARF_IN_MEMORY);
    }

    @Test
    void onlyWharfServesTheKclScenariosAndThePeersSayWhy() {
        List<Target> chosen = List.of(Target.WHARF, Target.WHARF_IN_MEMORY, Target.KINESALITE, Target.DYNALITE);

        for (String kcl : new String[] {"kcl-efo", "kcl-polling@1000"}) {
            ScenarioSpec spec = ScenarioSpec.parse(kcl);
            assertThat(CompareCommand.servedBy(chosen, spec)).containsExactly(Target.WHARF, Target.WHARF_IN_MEMORY);
            assertThat(CompareCommand.sitOutNotes(chosen, spec)).containsExactly(
                    "wharf-bench: kinesalite sits out " + kcl + ": it serves " + Target.KINESALITE.servesWhat(),
                    "wharf-bench: dynalite sits out " + kcl + ": it serves " + Target.DYNALITE.servesWhat());
        }
        assertThat(Target.KINESALITE.servesWhat()).contains("no SubscribeToShard").contains("DynamoDB");
        assertThat(Target.DYNALITE.servesWhat()).contains("no Kinesis");
        assertThat(CompareCommand.sitOutNotes(List.of(Target.WHARF), ScenarioSpec.parse("kcl-efo"))).isEmpty();
    }

    @Test
    void theCacheFollowsTheEnvironment() {
        Path home = Path.of("/home/someone");

        assertThat(Launch.defaultCacheDirectory(Map.of(), home)).isEqualTo(Path.of("/home/someone/.cache/wharf-bench"));
        assertThat(Launch.defaultCacheDirectory(Map.of("XDG_CACHE_HOME", "/var/cache"), home))
                .isEqualTo(Path.of("/var/cache/wharf-bench"));
        assertThat(Launch.defaultCacheDirectory(Map.of("WHARF_BENCH_CACHE", "/tmp/b", "XDG_CACHE_HOME", "/var/cache"), home))
                .isEqualTo(Path.of("/tmp/b"));
    }

    @Test
    void kinesaliteIsInstalledPerVersionAndFoundAgain(@TempDir Path cache) throws IOException {
        Path home = Kinesalite.installDirectory(cache, "3.3.3");

        assertThat(home).isEqualTo(cache.resolve("kinesalite-3.3.3"));
        assertThat(Kinesalite.installed(home, "3.3.3")).isFalse();
        Path manifest = Files.createDirectories(home.resolve("node_modules/kinesalite")).resolve("package.json");
        Files.writeString(manifest, "{\n  \"name\": \"kinesalite\",\n  \"version\": \"3.3.3\"\n}\n");
        assertThat(Kinesalite.installed(home, "3.3.3")).isTrue();
        assertThat(Kinesalite.installed(home, "3.3.2")).isFalse();
        assertThatThrownBy(() -> Kinesalite.installDirectory(cache, "latest; rm -rf /"))
                .hasMessageContaining("--kinesalite-version");
    }

    @Test
    void kinesaliteListensOnLoopbackAtThePortPickedHere() {
        assertThat(Kinesalite.command(Path.of("/w/kinesalite.js"), Path.of("/c/kinesalite-3.3.3"), 41234))
                .containsExactly("node", "/w/kinesalite.js", "/c/kinesalite-3.3.3", "41234");
        assertThat(Kinesalite.LAUNCHER).contains("'127.0.0.1'").contains("shardLimit: 1000");
        assertThat(Kinesalite.endpointIn("")).isNull();
        assertThat(Kinesalite.endpointIn("Listening at http://127.0.0.1:41234\n"))
                .isEqualTo(URI.create("http://127.0.0.1:41234"));
    }

    @Test
    void dynaliteServesDynamoDbAndListensOnLoopbackAtThePortPickedHere() {
        assertThat(Target.named("dynalite")).isEqualTo(Target.DYNALITE);
        assertThat(Target.DYNALITE.serves("dynamodb-items")).isTrue();
        assertThat(Target.DYNALITE.serves("kinesis-put")).isFalse();
        assertThat(Target.WHARF.serves("dynamodb-items")).isTrue();
        assertThat(Dynalite.command(Path.of("/w/dynalite.js"), Path.of("/c/dynalite-4.0.0"), 41234))
                .containsExactly("node", "/w/dynalite.js", "/c/dynalite-4.0.0", "41234");
        assertThat(Dynalite.LAUNCHER).contains("'127.0.0.1'");
        assertThat(Dynalite.endpointIn("Listening at http://127.0.0.1:41234\n"))
                .isEqualTo(URI.create("http://127.0.0.1:41234"));
        assertThat(NpmPackages.installDirectory("dynalite", Path.of("/c"), "4.0.0")).isEqualTo(Path.of("/c/dynalite-4.0.0"));
    }

    @Test
    void motoServesS3AndFirehoseAndListensOnLoopbackAtThePortPickedHere() {
        assertThat(Target.named("moto")).isEqualTo(Target.MOTO);
        assertThat(Target.MOTO.serves("s3-put")).isTrue();
        assertThat(Target.MOTO.serves("s3-get")).isTrue();
        assertThat(Target.MOTO.serves("firehose-put")).isTrue();
        assertThat(Target.MOTO.serves("firehose-latency")).isTrue();
        assertThat(Target.MOTO.serves("sqs-send")).isFalse();
        assertThat(Target.MOTO.serves("kinesis-put")).isFalse();
        assertThat(Target.ELASTICMQ.serves("s3-put")).isFalse();
        assertThat(Target.KINESALITE.serves("firehose-put")).isFalse();
        assertThat(Target.WHARF.serves("s3-get")).isTrue();
        List<Target> s3 = CompareCommand.servedBy(List.of(Target.WHARF, Target.ELASTICMQ, Target.MOTO),
                ScenarioSpec.parse("s3-put"));
        assertThat(s3).containsExactly(Target.WHARF, Target.MOTO);
        assertThat(CompareCommand.baselineFor(s3, null)).isEqualTo(Target.MOTO);
        assertThat(Moto.command(41235)).containsExactly("moto_server", "-H", "127.0.0.1", "-p", "41235");
        assertThat(Moto.endpointIn("WARNING: This is a development server.\n")).isNull();
        assertThat(Moto.endpointIn(" * Running on http://127.0.0.1:41235\nPress CTRL+C to quit\n"))
                .isEqualTo(URI.create("http://127.0.0.1:41235"));
    }

    @Test
    void theFloorServesTheSqsAndKinesisPutScenariosAndIsNeverTheBaselineUnlessNamed() {
        assertThat(Target.named("floor")).isEqualTo(Target.FLOOR);
        assertThat(Target.FLOOR.isWharf()).isFalse();
        for (String served : new String[] {"sqs-send", "sqs-roundtrip", "sqs-single", "kinesis-put", "kinesis-roundtrip"}) {
            assertThat(Target.FLOOR.serves(served)).as(served).isTrue();
        }
        for (String notServed : new String[] {"kinesis-subscribe", "sns-fanout", "s3-put", "dynamodb-items", "kcl-efo"}) {
            assertThat(Target.FLOOR.serves(notServed)).as(notServed).isFalse();
        }
        List<Target> sqs = CompareCommand.servedBy(List.of(Target.WHARF, Target.FLOOR, Target.ELASTICMQ),
                ScenarioSpec.parse("sqs-send"));
        assertThat(CompareCommand.baselineFor(sqs, null)).isEqualTo(Target.ELASTICMQ);
        assertThat(CompareCommand.baselineFor(List.of(Target.FLOOR, Target.WHARF), null)).isEqualTo(Target.WHARF);
        assertThat(CompareCommand.baselineFor(List.of(Target.FLOOR), null)).isEqualTo(Target.FLOOR);
        assertThat(CompareCommand.baselineFor(sqs, Target.FLOOR)).isEqualTo(Target.FLOOR);
        Launch launch = new Launch(Path.of("/jdk/bin/java"), Path.of("/w/wharf.jar"), Path.of("/w"),
                List.of("-XX:StartFlightRecording=filename=/tmp/x.jfr"), "1.7.1", "3.3.3", "4.0.0", Path.of("/c"));
        assertThat(Target.FLOOR.floorCommand(launch, "/b/wharf-bench.jar")).containsExactly("/jdk/bin/java", "-cp",
                "/b/wharf-bench.jar", "io.wharf.bench.Main", "floor", "--host", "127.0.0.1", "--port", "0");
    }

    @Test
    void theDurableFloorServesWhatTheFloorDoesAndJournalsInItsOwnDirectory() {
        assertThat(Target.named("floor-durable")).isEqualTo(Target.FLOOR_DURABLE);
        assertThat(Target.FLOOR_DURABLE.isFloor()).isTrue();
        assertThat(Target.FLOOR_DURABLE.isWharf()).isFalse();
        assertThat(Target.WHARF.isFloor()).isFalse();
        assertThat(Target.FLOOR_DURABLE.serves("sqs-roundtrip")).isTrue();
        assertThat(Target.FLOOR_DURABLE.serves("kinesis-subscribe")).isFalse();
        assertThat(Target.FLOOR_DURABLE.servesWhat()).isEqualTo(Target.FLOOR.servesWhat());
        List<Target> sqs = List.of(Target.FLOOR_DURABLE, Target.FLOOR, Target.WHARF, Target.ELASTICMQ);
        assertThat(CompareCommand.baselineFor(sqs, null)).isEqualTo(Target.ELASTICMQ);
        assertThat(CompareCommand.baselineFor(List.of(Target.FLOOR_DURABLE, Target.WHARF), null)).isEqualTo(Target.WHARF);
        Launch launch = new Launch(Path.of("/jdk/bin/java"), Path.of("/w/wharf.jar"), Path.of("/w"), List.of(), "1.7.1",
                "3.3.3", "4.0.0", Path.of("/c"));
        assertThat(Target.FLOOR_DURABLE.floorCommand(launch, "/b/wharf-bench.jar")).containsExactly("/jdk/bin/java",
                "-cp", "/b/wharf-bench.jar", "io.wharf.bench.Main", "floor", "--host", "127.0.0.1", "--port", "0",
                "--journal-dir", "/w/floor-durable-data");
    }

    @Test
    void beforeTargetsNeedTheirJar() {
        assertThat(Target.named("wharf-before").isWharf()).isTrue();
        assertThat(Target.named("wharf-in-memory-before").serves("sqs-send")).isTrue();
        Launch launch = new Launch(Path.of("/jdk/bin/java"), Path.of("/w/wharf.jar"), Path.of("/tmp"), List.of(),
                "1.7.1", "3.3.3", "4.0.0", Path.of("/c"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Target.WHARF_BEFORE.start(launch))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("--before-jar");
        Launch missing = new Launch(Path.of("/jdk/bin/java"), Path.of("/w/wharf.jar"), Path.of("/tmp"), List.of(),
                "1.7.1", "3.3.3", "4.0.0", Path.of("/c"), false, false, Path.of("/nowhere/before.jar"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Target.WHARF_IN_MEMORY_BEFORE.start(missing))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/nowhere/before.jar");
    }
}
