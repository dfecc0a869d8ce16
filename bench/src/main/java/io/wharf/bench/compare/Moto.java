package io.wharf.bench.compare;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * moto_server, the Python AWS emulator (S3 and Firehose among others), as installed on the machine ({@code pip install
 * "moto[server]"}; not installed by this tool): started per compare in memory (its only mode), bound to 127.0.0.1 on a
 * port picked here. The peer of the {@code s3-*} and {@code firehose-*} scenarios.
 */
final class Moto {
    private static final Pattern LISTENING = Pattern.compile("Running on (http://127\\.0\\.0\\.1:[0-9]+)");

    private Moto() {
    }

    static ServerProcess start(Launch launch, Path log) throws IOException, InterruptedException {
        try {
            return ServerProcess.start("moto", command(FreePort.pick()), log, Moto::endpointIn);
        } catch (IOException e) {
            throw new IllegalStateException("the moto target needs moto_server on PATH (pip install \"moto[server]\"): "
                    + e.getMessage(), e);
        }
    }

    static List<String> command(int port) {
        return List.of("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port));
    }

    /** The endpoint once moto (werkzeug) has said it listens, else null. */
    static URI endpointIn(String output) {
        Matcher listening = LISTENING.matcher(output);
        return listening.find() ? URI.create(listening.group(1)) : null;
    }
}
