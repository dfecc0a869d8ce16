package io.wharf.mq.broker.rabbitmq;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A Wharf killed with SIGKILL (no shutdown hook, no close) still takes its RabbitMQ nodes and their epmd along. */
@Execution(ExecutionMode.CONCURRENT) // its nodes are its own: it runs beside the other suites
class WharfKilledTest {
    @Test
    void nodesDieWithTheJvmThatStartedThem(@TempDir Path data) throws Exception {
        RabbitMqTesting.runtimeOrSkip();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process wharf = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                OrphanCheckMain.class.getName(), data.resolve("broker").toString())
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        long vmPid = -1;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(wharf.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; vmPid < 0 && (line = lines.readLine()) != null; ) {
                output.add(line);
                if (line.startsWith("READY ")) {
                    vmPid = Long.parseLong(line.substring("READY ".length()).strip());
                }
            }
            assertThat(vmPid).as(String.join("\n", output)).isPositive();
            ProcessHandle vm = ProcessHandle.of(vmPid).orElseThrow();
            long epmdPid = Long.parseLong(Files.readString(data.resolve("broker/epmd.pid")).strip().split(" ")[0]);
            List<ProcessHandle> started = new ArrayList<>(wharf.descendants().toList());
            assertThat(started).contains(vm).anyMatch(process -> process.pid() == epmdPid);

            wharf.destroyForcibly(); // SIGKILL: no hook runs
            wharf.waitFor();

            for (ProcessHandle process : started) {
                process.onExit().get(2, TimeUnit.MINUTES); // a TimeoutException here is the failure: an orphan
            }
            assertThat(started).noneMatch(ProcessHandle::isAlive);
        } finally {
            wharf.destroyForcibly();
            Path broker = data.resolve("broker");
            Processes.killRecorded(broker.resolve("rabbitmq.pid"), broker.resolve("home").toString());
            Processes.killRecorded(broker.resolve("epmd.pid"), "epmd");
        }
    }
}
