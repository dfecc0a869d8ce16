package io.wharf.mq.broker.rabbitmq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Stopping process trees and finding the ones a killed Wharf left behind. */
final class Processes {
    private Processes() {
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
