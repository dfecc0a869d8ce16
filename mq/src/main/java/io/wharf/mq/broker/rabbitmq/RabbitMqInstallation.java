package io.wharf.mq.broker.rabbitmq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where RabbitMQ and Erlang's epmd are installed. Debian's {@code rabbitmq-server} puts the real scripts under
 * {@code /usr/lib/rabbitmq/bin} ({@code /usr/sbin/rabbitmq-server} is a wrapper that switches to the
 * {@code rabbitmq} user and its fixed {@code /var/lib/rabbitmq}, which Wharf must not use), the plugins under
 * {@code /usr/lib/rabbitmq/lib/rabbitmq_server-<version>/plugins}, and Erlang's {@code epmd} in {@code /usr/bin}.
 *
 * @param home       the installation root ({@code /usr/lib/rabbitmq})
 * @param server     its {@code bin/rabbitmq-server} script
 * @param epmd       Erlang's port mapper daemon, run once per broker on a port of its own
 * @param management whether the management plugin (the web console) is installed
 */
record RabbitMqInstallation(Path home, Path server, Path epmd, boolean management) {
    static final Path DEBIAN_HOME = Path.of("/usr/lib/rabbitmq");
    private static final List<Path> EPMD_CANDIDATES = List.of(Path.of("/usr/bin/epmd"), Path.of("/usr/lib/erlang/bin/epmd"));

    /** The node's command-line tool, beside {@link #server}. */
    Path ctl() {
        return server.resolveSibling("rabbitmqctl");
    }

    /** The installation under {@code home}, or why there is none usable (a sentence for a user). */
    static Result find(Path home) {
        Path server = home.resolve("bin").resolve("rabbitmq-server");
        if (!Files.isExecutable(server)) {
            return new Result(null, "RabbitMQ brokers need rabbitmq-server installed on the Wharf host: "
                    + "apt-get install rabbitmq-server (looked for " + server + ")");
        }
        Optional<Path> epmd = EPMD_CANDIDATES.stream().filter(Files::isExecutable).findFirst()
                .or(() -> onPath("epmd"));
        if (epmd.isEmpty()) {
            return new Result(null, "RabbitMQ brokers need Erlang's epmd on the Wharf host (it comes with "
                    + "rabbitmq-server: apt-get install rabbitmq-server)");
        }
        return new Result(new RabbitMqInstallation(home, server, epmd.get(), hasPlugin(home, "rabbitmq_management-")), null);
    }

    record Result(RabbitMqInstallation installation, String unavailableReason) {
    }

    /**
     * Whether the installed RabbitMQ's Cuttlefish schemas (the broker's and its plugins') map {@code key}: a
     * {@code rabbitmq.conf} line with a key they do not know stops the node from booting.
     */
    boolean knowsConfigurationKey(String key) {
        return schemaText().contains("{mapping, \"" + key + "\"");
    }

    /** The schemas' text: 24 files, about 230 kB in 3.10; read when a start needs it. */
    private String schemaText() {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.find(home.resolve("lib"), 8,
                (file, attributes) -> attributes.isRegularFile() && file.toString().endsWith(".schema"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                text.append(Files.readString(file));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // unreadable: nothing is known, so nothing optional is applied
        }
        return text.toString();
    }

    private static boolean hasPlugin(Path home, String prefix) {
        try (Stream<Path> versions = Files.list(home.resolve("lib"))) {
            return versions.map(version -> version.resolve("plugins")).filter(Files::isDirectory).anyMatch(plugins -> {
                try (Stream<Path> entries = Files.list(plugins)) {
                    return entries.anyMatch(entry -> entry.getFileName().toString().startsWith(prefix));
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(":")).filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable).findFirst();
    }
}
