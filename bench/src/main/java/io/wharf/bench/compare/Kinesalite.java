package io.wharf.bench.compare;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kinesalite, the Node.js Kinesis server, installed from npm by {@link NpmPackages}, then started per compare by a
 * small launcher script written into the work directory, in memory (its default), bound to 127.0.0.1 on a port
 * picked here. kinesalite has no
 * HTTP/2 and its CBOR is not what the SDK for Java v2 parses, so the Kinesis scenarios talk to it over
 * HTTP/1.1 and JSON ({@code --kinesis-wire json}, the default).
 */
final class Kinesalite {
    private static final Pattern LISTENING = Pattern.compile("Listening at (http://127\\.0\\.0\\.1:[0-9]+)");
    /** kinesalite's own default is 10 shards per account; the scenarios may ask for up to 64 per stream. */
    static final int SHARD_LIMIT = 1000;

    /**
     * Loads kinesalite from the install directory (argv[2]) and listens on loopback at the port (argv[3]).
     * Stream state changes take kinesalite's default 500 ms, like Wharf's; the line printed once listening
     * is what {@link #endpointIn} waits for.
     */
    static final String LAUNCHER = """
            // Written by wharf-bench compare: kinesalite in memory on 127.0.0.1 only.
            const path = require('path');
            const [home, port] = process.argv.slice(2);
            const kinesalite = require(path.join(home, 'node_modules', 'kinesalite'));
            const server = kinesalite({shardLimit: %d});
            server.listen(Number(port), '127.0.0.1', () => {
              console.log('Listening at http://127.0.0.1:' + server.address().port);
            });
            """.formatted(SHARD_LIMIT);

    private Kinesalite() {
    }

    static ServerProcess start(Launch launch, Path log) throws IOException, InterruptedException {
        Path home = install(launch.kinesaliteVersion(), launch.cacheDirectory());
        Path script = launch.workDirectory().resolve("kinesalite.js");
        Files.writeString(script, LAUNCHER, StandardCharsets.UTF_8);
        return ServerProcess.start("kinesalite", command(script, home, FreePort.pick()), log, Kinesalite::endpointIn);
    }

    static List<String> command(Path script, Path home, int port) {
        return List.of("node", script.toString(), home.toString(), Integer.toString(port));
    }

    /** The endpoint once the launcher has said it listens, else null. */
    static URI endpointIn(String output) {
        Matcher listening = LISTENING.matcher(output);
        return listening.find() ? URI.create(listening.group(1)) : null;
    }

    static Path installDirectory(Path cacheDirectory, String version) {
        return NpmPackages.installDirectory("kinesalite", cacheDirectory, version);
    }

    /** Whether {@code home} holds kinesalite at exactly {@code version}. */
    static boolean installed(Path home, String version) throws IOException {
        return NpmPackages.installed("kinesalite", home, version);
    }

    static Path install(String version, Path cacheDirectory) throws IOException, InterruptedException {
        return NpmPackages.install("kinesalite", version, cacheDirectory);
    }
}
