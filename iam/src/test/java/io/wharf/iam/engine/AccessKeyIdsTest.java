package io.wharf.iam.engine;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** AWS's key-id layout, both ways, checked against published decodings. */
class AccessKeyIdsTest {
    private final AccessKeyIds ids = new AccessKeyIds(new Random(7));

    @Test
    void decodesPublishedExamples() {
        // Aidan Steele, "AWS Access Key ID formats" (2020), and Tal Be'ery's correction (2023): ASIAY34FZKBOKMUTVV7A
        // belongs to account 609629065308.
        assertThat(AccessKeyIds.accountOf("ASIAY34FZKBOKMUTVV7A")).isEqualTo("609629065308");
        // The key in Be'ery's script, decoded by that script.
        assertThat(AccessKeyIds.accountOf("ASIAQNZGKIQY56JQ7WML")).isEqualTo("029608264753");
        // The last characters carry no account bits: changing them keeps the account (Steele's observation).
        assertThat(AccessKeyIds.accountOf("ASIAY34FZKBOKAAAAAAA")).isEqualTo("609629065308");
    }

    @Test
    void encodesAnyAccountSoThatItDecodesBack() {
        Random random = new Random(1);
        for (String account : new String[] {"000000000000", "000000000001", "123456789012", "999999999999"}) {
            roundTrip(account);
        }
        for (int i = 0; i < 1000; i++) {
            roundTrip(String.format("%012d", (long) (random.nextDouble() * 1e12)));
        }
    }

    private void roundTrip(String account) {
        String key = ids.keyId("AKIA", account);
        assertThat(key).hasSize(20).startsWith("AKIA").matches("[A-Z2-7]{20}");
        assertThat(AccessKeyIds.accountOf(key)).isEqualTo(account);
        String temporary = ids.keyId("ASIA", account);
        assertThat(AccessKeyIds.accountOf(temporary)).isEqualTo(account);
        String unique = ids.uniqueId("AIDA", account);
        assertThat(unique).hasSize(21).startsWith("AIDA").matches("[A-Z2-7]{21}");
        assertThat(AccessKeyIds.accountOf(unique)).isEqualTo(account);
    }

    @Test
    void keysAreUniqueAndSecretsLookLikeAws() {
        assertThat(ids.keyId("AKIA", "123456789012")).isNotEqualTo(ids.keyId("AKIA", "123456789012"));
        assertThat(ids.secret()).hasSize(40).matches("[A-Za-z0-9+/]{40}");
    }

    @Test
    void idsOutsideTheLayoutDecodeToNothing() {
        assertThat(AccessKeyIds.accountOf("AKIDEXAMPLE")).isNull();
        assertThat(AccessKeyIds.accountOf("AKIA0000000000000000")).isNull();
        assertThat(AccessKeyIds.accountOf(null)).isNull();
    }
}
