package io.wharf.it.auth;

import io.wharf.protocol.auth.AuthMode;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --auth off}: nothing is verified, yet GetCallerIdentity still says who a key stands for — the default
 * account's root for an unknown key, the root of the account a 12-digit key names, the user of a key IAM made, the
 * assumed role of a session's key — and no policy is evaluated.
 */
class AuthOffModeIT extends AuthTestBase {
    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().auth(AuthMode.OFF).build();

    @Override
    URI endpoint() {
        return WHARF.endpoint();
    }

    @Test
    void callerIdentityNamesWhoTheKeyStandsFor() {
        assertThat(WHARF.authMode()).isEqualTo(AuthMode.OFF);
        GetCallerIdentityResponse root = sts(Clients.CREDENTIALS).getCallerIdentity();
        assertThat(root.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        assertThat(root.account()).isEqualTo(ACCOUNT);
        assertThat(sts(basic("anything-at-all", "whatever")).getCallerIdentity().arn())
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        // a 12-digit key is that account's root, whatever the secret
        GetCallerIdentityResponse other = sts(basic(OTHER, "not-checked")).getCallerIdentity();
        assertThat(other.arn()).isEqualTo("arn:aws:iam::" + OTHER + ":root");
        assertThat(other.account()).isEqualTo(OTHER);
        assertThat(other.userId()).isEqualTo(OTHER);

        String name = unique("off-user");
        AccessKey key = userWithKey(name);
        GetCallerIdentityResponse user = sts(basic(key.accessKeyId(), "not-checked")).getCallerIdentity();
        assertThat(user.arn()).isEqualTo(userArn(name));
        assertThat(user.userId()).startsWith("AIDA");

        IamClient iam = iam(Clients.CREDENTIALS);
        String role = unique("off-role");
        String roleArn = iam.createRole(r -> r.roleName(role)
                .assumeRolePolicyDocument(AuthAcceptanceIT.trustAccountRoot(ACCOUNT))).role().arn();
        Credentials session = sts(Clients.CREDENTIALS).assumeRole(r -> r.roleArn(roleArn).roleSessionName("off-s"))
                .credentials();
        assertThat(sts(session(session)).getCallerIdentity().arn())
                .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/off-s");
    }

    @Test
    void nothingIsVerifiedAndNoPolicyIsEvaluated() {
        String name = unique("off-nobody");
        AccessKey key = userWithKey(name);
        // a user without policies, a wrong secret, a clock far off: all served
        String url = sqs(basic(key.accessKeyId(), "wrong")).createQueue(r -> r.queueName(unique("off"))).queueUrl();
        assertThat(url).contains("/" + ACCOUNT + "/");
        Map<String, String> list = new LinkedHashMap<>();
        list.put("Action", "ListQueues");
        list.put("Version", "2012-11-05");
        assertThat(HandSigned.form(endpoint(), "sqs", "/", list).signedAt(Duration.ofHours(-3)).sign().send().status())
                .isEqualTo(200);
        assertThat(HandSigned.form(endpoint(), "sqs", "/", list).send().status()).isEqualTo(200);
        // a scope naming a region that cannot exist is still refused: it would end up in ARNs
        HandSigned.Answer region = HandSigned.form(endpoint(), "sqs", "/", list).region("moon-base-1").sign().send();
        assertThat(region.status()).isEqualTo(403);
        assertThat(region.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(region.message()).isEqualTo("Credential should be scoped to a valid region, not 'moon-base-1'. ");
    }
}
