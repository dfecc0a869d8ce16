package io.wharf.bench;

import io.wharf.bench.compare.CompareCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.concurrent.CompletionException;

/** {@code wharf-bench run|compare|floor|scale|disk ...}; exit 0 when every run completed messages, 1 otherwise, 2 on bad usage. */
@Command(name = "wharf-bench", mixinStandardHelpOptions = true, version = "wharf-bench 0.1",
        subcommands = {RunCommand.class, CompareCommand.class, io.wharf.bench.floor.FloorCommand.class,
                io.wharf.bench.scale.ScaleCommand.class, io.wharf.bench.disk.DiskCommand.class},
        description = "Load scenarios against SQS, SNS and Kinesis endpoints (Wharf or any peer), measured side by side.")
public final class Main implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private Main() {
    }

    /** Without a command: the usage, as an error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, compare, floor, scale or disk");
    }

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                line.getErr().println("wharf-bench: " + e.getMessage());
                return 2;
            }
            // The endpoint can't be reached or refused to set up the run (creating the queue): one line.
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof SdkException) {
                line.getErr().println("wharf-bench: the endpoint failed before the run could start: " + cause.getMessage());
                return 1;
            }
            throw e;
        });
        System.exit(commandLine.execute(args));
    }
}
