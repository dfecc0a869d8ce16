package io.wharf.bench.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ElasticMQ, the reference SQS server, as published on Maven Central: Maven resolves
 * {@code org.elasticmq:elasticmq-server_2.13} into its local repository (downloading it the first time)
 * and writes the classpath; no download of our own. It runs in memory with a generated config that
 * binds loopback on a port picked here, so it never collides with a 9324 already in use.
 */
final class ElasticMq {
    private static final String MAIN_CLASS = "org.elasticmq.server.Main";
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.11.0";

    private ElasticMq() {
    }

    static ServerProcess start(Launch launch, Path log) throws IOException, InterruptedException {
        String classpath = resolveClasspath(launch);
        int port = FreePort.pick();
        Path config = launch.workDirectory().resolve("elasticmq.conf");
        Files.writeString(config, """
                include classpath("application.conf")
                node-address { protocol = "http", host = "127.0.0.1", port = %d, context-path = "" }
                rest-sqs { enabled = true, bind-port = %d, bind-hostname = "127.0.0.1", sqs-limits = strict }
                generate-node-address = false
                pekko.loglevel = "WARNING"
                """.formatted(port, port));
        List<String> command = new ArrayList<>(List.of(launch.java().toString()));
        command.addAll(launch.serverJvmArgs());
        command.addAll(List.of("-Dconfig.file=" + config, "-cp", classpath, MAIN_CLASS));
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        return ServerProcess.start("elasticmq", command, log, ServerProcess.when(ElasticMq::accepts, endpoint));
    }

    private static boolean accepts(URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Asks Maven for the server's runtime classpath through a throw-away pom in the work directory. */
    private static String resolveClasspath(Launch launch) throws IOException, InterruptedException {
        Path project = Files.createDirectories(launch.workDirectory().resolve("elasticmq-classpath"));
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.wharf.bench</groupId>
                  <artifactId>elasticmq-classpath</artifactId>
                  <version>0</version>
                  <dependencies>
                    <dependency>
                      <groupId>org.elasticmq</groupId>
                      <artifactId>elasticmq-server_2.13</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(launch.elasticMqVersion()));
        Path classpathFile = project.resolve("classpath.txt");
        Path mavenLog = project.resolve("maven.log");
        Process maven = new ProcessBuilder("mvn", "-B", "-q", "-f", project.resolve("pom.xml").toString(),
                DEPENDENCY_PLUGIN + ":build-classpath", "-Dmdep.outputFile=" + classpathFile,
                "-Dmdep.includeScope=runtime")
                .redirectErrorStream(true).redirectOutput(mavenLog.toFile()).start();
        int exit = maven.waitFor();
        if (exit != 0 || !Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("Maven could not resolve org.elasticmq:elasticmq-server_2.13:"
                    + launch.elasticMqVersion() + " (exit " + exit + "); see " + mavenLog);
        }
        try {
            return Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
