package io.wharf.bench.compare;

import io.wharf.bench.mq.StandaloneActiveMq;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code activemq} target: ActiveMQ Classic, the version Wharf embeds, as Maven Central publishes it (it is on the
 * load generator's class path), run standalone in its own JVM by {@link StandaloneActiveMq} with its KahaDB in
 * {@code <work-dir>/activemq-data}, OpenWire on a loopback port it picks itself, and the compare's broker user; its
 * password goes through the environment, never the command line.
 */
final class ActiveMqPeer {
    private static final Pattern LISTENING = Pattern.compile(
            Pattern.quote(StandaloneActiveMq.READY) + "(tcp://[0-9.]+:[0-9]+)");

    private ActiveMqPeer() {
    }

    static ServerProcess start(Launch launch, String label, Path log) throws IOException, InterruptedException {
        if (launch.brokerUser().username() == null) {
            throw new IllegalStateException("the activemq target needs the compare's broker user");
        }
        return ServerProcess.start(label, command(launch, label, System.getProperty("java.class.path")),
                Map.of(StandaloneActiveMq.PASSWORD_VARIABLE, launch.brokerUser().password()), log, output -> {
                    Matcher listening = LISTENING.matcher(output);
                    return listening.find() ? URI.create(listening.group(1)) : null;
                });
    }

    /** Java with the servers' extra JVM options (as Wharf gets them), the load generator's class path, the broker's main. */
    static List<String> command(Launch launch, String label, String classPath) {
        List<String> command = new ArrayList<>(List.of(launch.java().toString()));
        command.addAll(launch.serverJvmArgs());
        command.addAll(List.of("-cp", classPath, StandaloneActiveMq.class.getName(),
                launch.workDirectory().resolve(label + "-data").toString(), launch.brokerUser().username()));
        return command;
    }
}
