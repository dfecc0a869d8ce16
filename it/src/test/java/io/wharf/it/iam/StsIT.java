package io.wharf.it.iam;

import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** STS through the SDK (auth off: the caller is the default account's root). */
class StsIT extends IamTestBase {

    @Test
    void callerIdentityIsTheDefaultAccountsRoot() {
        GetCallerIdentityResponse me = sts.getCallerIdentity(r -> { });
        assertThat(me.account()).isEqualTo(ACCOUNT);
        assertThat(me.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        assertThat(me.userId()).isEqualTo(ACCOUNT);
    }

    @Test
    void sessionTokenCredentialsAreAwsShaped() {
        Credentials credentials = sts.getSessionToken(r -> r.durationSeconds(900)).credentials();
        assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(credentials.secretAccessKey()).hasSize(40);
        assertThat(credentials.sessionToken()).isNotBlank();
        assertThat(credentials.expiration()).isBetween(Instant.now().plusSeconds(800), Instant.now().plusSeconds(1000));
        assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId(credentials.accessKeyId())).account()).isEqualTo(ACCOUNT);
        // the root's sessions last an hour at most
        Credentials longer = sts.getSessionToken(r -> r.durationSeconds(129_600)).credentials();
        assertThat(longer.expiration()).isBefore(Instant.now().plusSeconds(3700));

        // a client signing with them is served (auth is off: the gateway does not check them yet)
        try (StsClient session = Clients.stsBuilder(WHARF.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())))
                .build()) {
            assertThat(session.getCallerIdentity(r -> { }).account()).isEqualTo(ACCOUNT);
        }
    }

    @Test
    void accessKeyInfoDecodesAnyKey() {
        assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId("ASIAY34FZKBOKMUTVV7A")).account())
                .isEqualTo("609629065308");
        assertError(error(() -> sts.getAccessKeyInfo(r -> r.accessKeyId("short"))), "ValidationError", 400,
                "1 validation error detected: Value 'short' at 'accessKeyId' failed to satisfy constraint: Member "
                        + "must have length greater than or equal to 16");
    }

    @Test
    void assumeRoleErrors() {
        assertError(error(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + ACCOUNT + ":role/" + unique("none"))
                .roleSessionName("s"))), "ValidationError", 400, null); // "s" is shorter than 2
        String missing = "arn:aws:iam::" + ACCOUNT + ":role/" + unique("none");
        assertError(error(() -> sts.assumeRole(r -> r.roleArn(missing).roleSessionName("session"))), "AccessDenied",
                403, "User: arn:aws:iam::" + ACCOUNT + ":root is not authorized to perform: sts:AssumeRole on "
                        + "resource: " + missing);
        assertError(error(() -> sts.assumeRole(r -> r.roleArn("definitely-not-an-arn").roleSessionName("session"))),
                "ValidationError", 400, "definitely-not-an-arn is invalid");
        assertError(error(() -> sts.assumeRole(r -> r.roleArn(missing).roleSessionName("Session1:2"))),
                "ValidationError", 400, "1 validation error detected: Value 'Session1:2' at 'roleSessionName' failed "
                        + "to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        assertError(error(() -> sts.getFederationToken(r -> r.name("fed"))), "NotImplemented", 501,
                "Wharf does not implement GetFederationToken yet.");
    }
}
