package io.wharf.server;

import io.wharf.server.config.CommandLineConfig;
import io.wharf.server.config.CommandLineConfig.Outcome;
import io.wharf.server.config.ConfigException;
import io.wharf.server.http.ListenException;

import java.util.concurrent.CompletableFuture;

/**
 * {@code wharf [options]}: parse, start, and stop cleanly on SIGTERM/SIGINT (a shutdown hook). Start-up
 * problems are one line on stderr, no stack trace: exit 2 for bad configuration, 1 when the port can't
 * be bound or the store can't be used (damaged, gone, another store's, in use by another Wharf). The first SIGTERM/SIGINT stops gracefully (in-flight requests, long polls included, may finish for up to
 * {@code --shutdown-timeout}); a second one stops at once (the wait is cut short, the store still closes cleanly); a
 * third halts the JVM.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int exitCode = run(args);
        if (exitCode >= 0) {
            System.exit(exitCode);
        }
        // Running: the event loop threads keep the JVM alive until a signal runs the shutdown hook.
    }

    /** @return an exit code, or -1 when the server is running */
    static int run(String[] args) {
        Outcome outcome = CommandLineConfig.parse(args, System.getenv());
        if (outcome instanceof Outcome.Exit exit) {
            (exit.exitCode() == 0 ? System.out : System.err).println(exit.text());
            return exit.exitCode();
        }
        Outcome.Run run = (Outcome.Run) outcome;
        io.wharf.server.logging.LogSetup.apply(run.config().logging());
        // The hook and the signal handlers come first. Registered after the start, as they were until 6 December
        // 2026, a SIGTERM sent as soon as the "listening on" line was out (which is logged inside the start) could
        // arrive before them: the JVM exited without stopping Wharf (no store close, no temporary directories
        // deleted) and the main thread failed with "Shutdown in progress". A signal during the start now waits for it
        // to end, then stops what started.
        CompletableFuture<Wharf> started = new CompletableFuture<>();
        Thread shutdown = new Thread(() -> {
            Wharf running;
            try {
                running = started.get();
            } catch (InterruptedException e) {
                return; // a second signal while the start still ran (a start that hangs): exit without it
            } catch (java.util.concurrent.ExecutionException e) {
                return; // never: it is only ever completed with a value
            }
            if (running != null) {
                running.close();
            }
        }, "wharf-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        StopSignals.install(shutdown);
        Wharf wharf = null;
        try {
            wharf = Wharf.start(run.config());
        } catch (ConfigException e) {
            System.err.println("wharf: " + e.getMessage());
            return CommandLineConfig.USAGE_ERROR;
        } catch (ListenException | StoreRefusedException e) {
            System.err.println("wharf: " + e.getMessage());
            return 1;
        } finally {
            started.complete(wharf); // null when the start failed: the hook has nothing to stop
        }
        return -1;
    }
}
