package io.wharf.mq.broker.rabbitmq;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHashTest {
    @Test
    void matchesRabbitMqsDocumentedExample() {
        // RabbitMQ's "Credentials and Passwords" guide: salt 908DC60A, password test12
        assertThat(PasswordHash.hash(HexFormat.of().parseHex("908DC60A"), "test12"))
                .isEqualTo("kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR");
    }

    @Test
    void saltsEveryHashAndKeepsTheSaltInFront() {
        String first = PasswordHash.hash("same password");
        String second = PasswordHash.hash("same password");
        assertThat(first).isNotEqualTo(second);
        byte[] decoded = Base64.getDecoder().decode(first);
        assertThat(decoded).hasSize(4 + 32);
        byte[] salt = java.util.Arrays.copyOf(decoded, 4);
        assertThat(PasswordHash.hash(salt, "same password")).isEqualTo(first);
        assertThat(first).doesNotContain("same password");
    }
}
