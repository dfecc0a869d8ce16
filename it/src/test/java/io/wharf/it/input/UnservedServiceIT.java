package io.wharf.it.input;

import io.wharf.it.cli.CliProcess;
import io.wharf.it.cli.CliProcess.Run;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.wharf.it.cli.CliProcess.available;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A service Wharf does not serve, asked for as a user would (the AWS CLI v1), gets one clear error in that service's
 * protocol naming the service and the ones Wharf serves — not another service's error (an SQS {@code MissingAction}
 * for Lambda, as before) and never an empty message. One case per protocol family: REST-JSON (Lambda, MSK), JSON 1.1
 * (CloudWatch Logs), JSON 1.0 (Step Functions), Query (CloudFormation); and an unsigned request recognised by its
 * AWS endpoint Host.
 */
class UnservedServiceIT {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().build();

    @ParameterizedTest(name = "aws {0} {1}")
    @CsvSource({
            "lambda, list-functions, lambda",
            "kafka, list-clusters, kafka",
            "logs, describe-log-groups, logs",
            "stepfunctions, list-state-machines, states",
            "cloudformation, list-stacks, cloudformation"})
    void theCliIsToldWhichServiceIsNotServedAndWhatIs(String service, String command, String signingName)
            throws Exception {
        assumeTrue(available("aws", "--version"), "AWS CLI not installed");
        List<String> cli = new ArrayList<>(List.of("aws", "--endpoint-url", WHARF.endpoint().toString(),
                "--cli-read-timeout", "30", service));
        cli.addAll(Arrays.asList(command.split(" ")));
        Run run = CliProcess.run(WHARF.endpoint(), cli);
        assertThat(run.exit()).as(run.out()).isNotZero();
        assertThat(run.out()).as(run.out())
                .contains("(NotImplemented)")
                .contains("Wharf does not serve '" + signingName + "'")
                .contains("It serves: ")
                .contains("sqs")
                .doesNotContain("MissingAction")
                .doesNotContain("UnknownOperationException");
    }
    @Test
    void anUnsignedRequestAddressedToAnAwsEndpointHostIsNamedByItsHost() throws Exception {
        URI endpoint = WHARF.endpoint();
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /2015-03-31/functions/ HTTP/1.1\r\n"
                    + "Host: lambda.us-east-1.amazonaws.com\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 501")
                    .contains("x-amzn-ErrorType: NotImplemented")
                    .contains("Wharf does not serve 'lambda' (named by the request's Host). It serves: ");
        }
    }
}
