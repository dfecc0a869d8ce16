package io.wharf.mq.broker.rabbitmq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Starting child processes that die with Wharf, stopping process trees, finding what a killed Wharf left. */
final class Processes {
    /**
     * Runs {@code "$@"} with umask 077 and ties its life to Wharf's: the script holds the read end of the pipe that is
     * its standard input, whose write end only Wharf's JVM holds; when the JVM ends, however it ends (SIGKILL
     * included), the read sees end-of-file and the script sends SIGTERM to the program. SIGTERM to the script is
     * passed on the same way and the script waits for the program. The program's own standard input is /dev/null.
     */
    static final String TIED_TO_PARENT = """
            umask 077
            exec 3<&0
            "$@" </dev/null &
            child=$!
            ( while read -r _; do :; done; kill -TERM "$child" 2>/dev/null ) <&3 &
            watcher=$!
            exec 3<&-
            trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; kill "$watcher" 2>/dev/null; exit 0' TERM
            wait "$child"
            status=$?
            kill "$watcher" 2>/dev/null
            exit $status
            """;

    private Processes() {
    }

    /** A process builder for {@code command} under {@link #TIED_TO_PARENT}; keep its standard input a pipe. */
    static ProcessBuilder tiedToParent(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", TIED_TO_PARENT, "wharf-child"));
        wrapped.addAll(command);
        return new ProcessBuilder(wrapped);
    }

    /**
     * Asks {@code process} to stop (SIGTERM), waits up to {@code grace}, then kills it and everything under it.
     * The descendants are listed before the first signal: once the parent is gone, its orphans are no longer its
     * descendants. Returns whether the first signal sufficed.
     */
    static boolean stopTree(ProcessHandle process, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        boolean graceful = await(process, grace);
        tree.addAll(process.descendants().toList());
        for (ProcessHandle descendant : tree) {
            if (descendant.isAlive() && !await(descendant, graceful ? Duration.ofSeconds(2) : Duration.ZERO)) {
                descendant.destroyForcibly();
            }
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        await(process, Duration.ofSeconds(10));
        tree.forEach(descendant -> await(descendant, Duration.ofSeconds(10)));
        return graceful;
    }

    /** Kills (SIGKILL) the process whose pid {@code pidFile}'s first word names, if it lives and is {@code ours}. */
    static void killRecorded(Path pidFile, String commandLineMarker) {
        recorded(pidFile, commandLineMarker).ifPresent(process -> {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            process.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            await(process, Duration.ofSeconds(10));
        });
    }

    /** The live process {@code pidFile} names whose command line contains {@code commandLineMarker}. */
    static Optional<ProcessHandle> recorded(Path pidFile, String commandLineMarker) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            String[] words = Files.readString(pidFile).strip().split("\\s+");
            long pid = Long.parseLong(words[0]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().commandLine().orElse("").contains(commandLineMarker));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static boolean await(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !process.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
