package io.wharf.testkit;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Registered on an instance field, each test gets a fresh server. */
class PerTestServerTest {
    private static final Set<Integer> ports = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    final WharfServerExtension wharf = WharfServerExtension.builder()
            .configure(c -> c.accountId("123456789012"))
            .build();

    @RepeatedTest(2)
    void freshServerPerTest() {
        assertThat(wharf.wharf().config().accountId()).isEqualTo("123456789012");
        assertThat(wharf.raw().get("/_wharf/health", Map.of()).status()).isEqualTo(200);
        assertThat(ports.add(wharf.wharf().port())).isTrue();
    }
}
