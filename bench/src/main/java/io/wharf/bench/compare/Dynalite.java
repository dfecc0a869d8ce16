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
 * dynalite, the Node.js DynamoDB server (on LevelDB; in memory unless given a path), installed from npm by
 * {@link NpmPackages}, started per compare by a launcher script written into the work directory, bound to
 * 127.0.0.1 on a port picked here. Its table state changes are made instant (Wharf's are too), so setting a
 * scenario up does not wait; the measured calls are the item calls. dynalite has no HTTP/2: the scenarios talk
 * HTTP/1.1 to every target.
 */
final class Dynalite {
    private static final Pattern LISTENING = Pattern.compile("Listening at (http://127\\.0\\.0\\.1:[0-9]+)");

    /** Loads dynalite from the install directory (argv[2]) and listens on loopback at the port (argv[3]). */
    static final String LAUNCHER = """
            // Written by wharf-bench compare: dynalite in memory on 127.0.0.1 only.
            const path = require('path');
            const [home, port] = process.argv.slice(2);
            const dynalite = require(path.join(home, 'node_modules', 'dynalite'));
            const server = dynalite({createTableMs: 0, deleteTableMs: 0, updateTableMs: 0});
            server.listen(Number(port), '127.0.0.1', () => {
              console.log('Listening at http://127.0.0.1:' + server.address().port);
            });
            """;

    private Dynalite() {
    }

    static ServerProcess start(Launch launch, Path log) throws IOException, InterruptedException {
        Path home = NpmPackages.install("dynalite", launch.dynaliteVersion(), launch.cacheDirectory());
        Path script = launch.workDirectory().resolve("dynalite.js");
        Files.writeString(script, LAUNCHER, StandardCharsets.UTF_8);
        return ServerProcess.start("dynalite", command(script, home, FreePort.pick()), log, Dynalite::endpointIn);
    }

    static List<String> command(Path script, Path home, int port) {
        return List.of("node", script.toString(), home.toString(), Integer.toString(port));
    }

    /** The endpoint once the launcher has said it listens, else null. */
    static URI endpointIn(String output) {
        Matcher listening = LISTENING.matcher(output);
        return listening.find() ? URI.create(listening.group(1)) : null;
    }
}
