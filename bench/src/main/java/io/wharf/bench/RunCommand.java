package io.wharf.bench;

import io.wharf.bench.measure.Result;
import io.wharf.bench.measure.ResultJson;
import io.wharf.bench.measure.ResultSummary;
import io.wharf.bench.scenario.Scenario;
import io.wharf.bench.scenario.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.util.concurrent.Callable;

/** {@code wharf-bench run SCENARIO --endpoint URL}: one scenario, JSON on stdout, summary on stderr. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one scenario against an endpoint. Prints one JSON line on stdout and a summary on stderr.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "sqs-send, sqs-roundtrip, sqs-fifo, sqs-single, sns-fanout, kinesis-put, kinesis-roundtrip, kinesis-subscribe, s3-put, s3-get, firehose-put, firehose-latency, dynamodb-items, kcl-efo, kcl-polling, mq-jms (with --broker-url).")
    String scenario;

    @Option(names = "--endpoint", paramLabel = "URL", defaultValue = "http://127.0.0.1:4566",
            description = "The service endpoint (default: ${DEFAULT-VALUE}).")
    URI endpoint;

    @Option(names = "--target", paramLabel = "LABEL", description = "Label for the results (default: the endpoint).")
    String target;

    @Option(names = "--server-pid", paramLabel = "PID", defaultValue = "0",
            description = "The server's process id, to report its CPU per 1,000 messages (Linux /proc).")
    long serverPid;

    @Mixin
    LoadOptions load;

    @Override
    public Integer call() throws InterruptedException {
        Scenario chosen = Scenarios.named(scenario);
        Result result = chosen.run(load.settings(endpoint, target != null ? target : endpoint.toString(), serverPid));
        System.out.println(ResultJson.line(result));
        System.err.print(ResultSummary.text(result));
        return result.messages() > 0 ? 0 : 1;
    }
}
