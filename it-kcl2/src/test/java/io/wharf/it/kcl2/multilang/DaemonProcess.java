package io.wharf.it.kcl2.multilang;

import io.wharf.testkit.Clients;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The KCL MultiLang daemon as a user runs it: {@code java -cp … software.amazon.kinesis.multilang.MultiLangDaemon
 * --properties-file FILE} in a JVM of its own (the test's JDK and classpath), with the credentials in the AWS_*
 * environment variables. Its output goes to a log file. {@link #close()} kills it and the record processors it
 * started, whatever state they are in.
 */
final class DaemonProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private DaemonProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static DaemonProcess start(Path propertiesFile, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "software.amazon.kinesis.multilang.MultiLangDaemon", "--properties-file", propertiesFile.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", Clients.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", Clients.SECRET);
        // nothing may leave the machine: no instance-metadata lookups, whatever a credentials chain tries
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return new DaemonProcess(builder.start(), log);
    }

    /** SIGTERM: the daemon's shutdown hook shuts its scheduler down gracefully. True if it exited in time. */
    boolean terminate(long seconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
