package io.wharf.it.kms;

import io.wharf.protocol.auth.AuthMode;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Key policies as AWS combines them with IAM policies, with {@code --auth enforce}: the default key policy delegates
 * to the account's IAM policies; a key policy that does not name the account (or the caller) refuses even callers
 * whose IAM policies allow; an explicit deny in it wins; another account needs the key policy's grant; the AWS managed
 * keys are usable only through their service.
 */
class KmsPolicyIT {
    static final String ACCOUNT = "000000000000";
    static final String OTHER = "111111111111";

    @RegisterExtension
    static final WharfServerExtension WHARF = WharfServerExtension.builder().auth(AuthMode.ENFORCE).build();

    private final List<AutoCloseable> clients = new ArrayList<>();
    private KmsClient root;
    private IamClient iam;

    @BeforeEach
    void clients() {
        root = track(Clients.kms(WHARF.endpoint()));
        iam = track(Clients.iam(WHARF.endpoint()));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    private <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    /** A new IAM user with an access key, and a KMS client signing as it. */
    private KmsClient user(String name) {
        iam.createUser(r -> r.userName(name));
        AccessKey key = iam.createAccessKey(r -> r.userName(name)).accessKey();
        return track(Clients.kmsBuilder(WHARF.endpoint()).credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))).build());
    }

    private static KmsException denied(Runnable call) {
        KmsException e = catchThrowableOfType(KmsException.class, call::run);
        assertThat(e).as("expected AccessDeniedException").isNotNull();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(e.statusCode()).isEqualTo(400);
        return e;
    }

    private static String allowKms(String actions, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + actions
                + ",\"Resource\":\"" + resource + "\"}]}";
    }

    @Test
    void theDefaultKeyPolicyDelegatesToIamPolicies() {
        KeyMetadata key = root.createKey(r -> r.description("delegating")).keyMetadata();
        KmsClient alice = user("alice");
        KmsException e = denied(() -> alice.encrypt(r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromUtf8String("x"))));
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::000000000000:user/alice is not "
                + "authorized to perform: kms:Encrypt on resource: " + key.arn() + " because no identity-based policy "
                + "allows the kms:Encrypt action");

        iam.putUserPolicy(r -> r.userName("alice").policyName("use-key")
                .policyDocument(allowKms("[\"kms:Encrypt\",\"kms:Decrypt\"]", key.arn())));
        SdkBytes blob = alice.encrypt(r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromUtf8String("x"))).ciphertextBlob();
        assertThat(alice.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("x");
        denied(() -> alice.disableKey(r -> r.keyId(key.keyId())));

        // An explicit deny in the key policy wins over the IAM allow.
        root.putKeyPolicy(r -> r.keyId(key.keyId()).policy("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"kms:*\","
                + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:user/alice\"},"
                + "\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}"));
        KmsException explicit = denied(() -> alice.decrypt(r -> r.ciphertextBlob(blob)));
        assertThat(explicit.awsErrorDetails().errorMessage()).endsWith("with an explicit deny in a resource-based policy");
        assertThat(alice.encrypt(r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromUtf8String("y"))).keyId())
                .isEqualTo(key.arn());
    }

    @Test
    void aKeyPolicyThatDoesNotNameTheAccountRefusesIamAllows() {
        KmsClient bob = user("bob");
        KmsClient carol = user("carol");
        iam.putUserPolicy(r -> r.userName("carol").policyName("all-kms").policyDocument(allowKms("\"kms:*\"", "*")));
        KeyMetadata key = root.createKey(r -> r.bypassPolicyLockoutSafetyCheck(true).policy("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:user/bob\"},"
                + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}")).keyMetadata();
        // Bob is named by the key policy itself: no IAM policy needed.
        assertThat(bob.encrypt(r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromUtf8String("x"))).keyId())
                .isEqualTo(key.arn());
        KmsException e = denied(() -> carol.encrypt(r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromUtf8String("x"))));
        assertThat(e.awsErrorDetails().errorMessage()).endsWith("because no resource-based policy allows the "
                + "kms:Encrypt action");
        // Not even the account's root: the key policy is the only way in, as on AWS.
        denied(() -> root.describeKey(r -> r.keyId(key.keyId())));
    }

    @Test
    void anotherAccountNeedsTheKeyPolicysGrant() {
        KeyMetadata key = root.createKey(r -> r.description("shared")).keyMetadata();
        SdkBytes blob = root.encrypt(r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromUtf8String("shared secret")))
                .ciphertextBlob();
        KmsClient other = track(Clients.kmsBuilder(WHARF.endpoint()).credentialsProvider(Clients.credentials(OTHER)).build());
        KmsException e = denied(() -> other.decrypt(r -> r.ciphertextBlob(blob)));
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::111111111111:root is not "
                + "authorized to perform: kms:Decrypt on resource: " + key.arn() + " because no resource-based policy "
                + "allows the kms:Decrypt action");
        root.putKeyPolicy(r -> r.keyId(key.keyId()).policy("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"kms:*\","
                + "\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},"
                + "\"Action\":[\"kms:Decrypt\",\"kms:DescribeKey\"],\"Resource\":\"*\"}]}"));
        assertThat(other.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("shared secret");
        assertThat(other.describeKey(r -> r.keyId(key.arn())).keyMetadata().keyId()).isEqualTo(key.keyId());
        denied(() -> other.encrypt(r -> r.keyId(key.arn()).plaintext(SdkBytes.fromUtf8String("no"))));
    }

    @Test
    void awsManagedKeysAreUsableOnlyThroughTheirService() {
        KeyMetadata managed = root.describeKey(r -> r.keyId("alias/aws/sns")).keyMetadata();
        assertThat(root.getKeyPolicy(r -> r.keyId(managed.keyId())).policy()).contains("sns.us-east-1.amazonaws.com");
        KmsException e = denied(() -> root.encrypt(r -> r.keyId("alias/aws/sns").plaintext(SdkBytes.fromUtf8String("x"))));
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::000000000000:root is not "
                + "authorized to perform: kms:Encrypt on resource: " + managed.arn() + " because no resource-based "
                + "policy allows the kms:Encrypt action");
        denied(() -> root.disableKey(r -> r.keyId(managed.keyId())));
    }
}
