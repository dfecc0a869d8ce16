package io.wharf.it.iam;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** IAM and STS through the AWS CLI where it is installed (skipped cleanly where not). */
class IamCliSmokeIT extends IamTestBase {

    private record Run(int exit, String out) {
    }

    private Run aws(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", WHARF.endpoint().toString(),
                "--output", "json"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", io.wharf.testkit.Clients.SECRET);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static boolean cliInstalled() {
        try {
            Process process = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void createUserAndWhoAmI() throws Exception {
        assumeTrue(cliInstalled(), "the AWS CLI is not installed");
        String name = unique("cli");
        Run created = aws("iam", "create-user", "--user-name", name);
        assertThat(created.exit()).as(created.out()).isZero();
        assertThat(created.out()).contains("\"UserName\": \"" + name + "\"").contains("\"UserId\": \"AIDA");
        Run listed = aws("iam", "list-users");
        assertThat(listed.exit()).as(listed.out()).isZero();
        assertThat(listed.out()).contains(name);
        Run missing = aws("iam", "get-user", "--user-name", name + "-nope");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.out()).contains("NoSuchEntity");
        Run me = aws("sts", "get-caller-identity");
        assertThat(me.exit()).as(me.out()).isZero();
        assertThat(me.out()).contains("\"Account\": \"000000000000\"").contains("arn:aws:iam::000000000000:root");
    }
}
