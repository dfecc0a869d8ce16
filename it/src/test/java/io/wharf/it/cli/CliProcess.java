package io.wharf.it.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the AWS CLI, boto3 scripts or any other client process against a Wharf, as the CLI smoke tests do: dummy
 * credentials of the test key, region us-east-1, no instance metadata, no pager, {@code WHARF_ENDPOINT} set; output
 * and errors together; killed after {@value #TIMEOUT_SECONDS} s.
 */
public final class CliProcess {
    public static final int TIMEOUT_SECONDS = 90;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CliProcess() {
    }

    /** A finished process: its exit code and everything it printed. */
    public record Run(int exit, String out) {
        public JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    public static Run run(URI endpoint, List<String> command) throws Exception {
        Path output = Files.createTempFile("wharf-cli", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            Map<String, String> env = builder.environment();
            env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
            env.put("AWS_SECRET_ACCESS_KEY", io.wharf.testkit.Clients.SECRET);
            env.put("AWS_DEFAULT_REGION", "us-east-1");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("AWS_PAGER", "");
            env.put("WHARF_ENDPOINT", endpoint.toString());
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s: "
                        + Files.readString(output));
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Whether {@code command} runs and exits 0 (a tool that is installed). */
    public static boolean available(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
