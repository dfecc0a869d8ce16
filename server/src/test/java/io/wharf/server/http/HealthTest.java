package io.wharf.server.http;

import io.wharf.protocol.Gateway;
import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest {
    private record Context(boolean draining, String storeFailure) implements FrontDoorContext {
        @Override
        public Gateway gateway() {
            return null;
        }

        @Override
        public ExecutorService executor() {
            return null;
        }

        @Override
        public InFlightRequests inFlight() {
            return null;
        }
    }

    private static String body(WireResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void allIsWellOnEveryEndpoint() {
        Context well = new Context(false, null);
        for (String path : new String[]{"/_wharf/health", "/_wharf/ready"}) {
            WireResponse answer = Health.answer(path, well);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(body(answer)).isEqualTo("{\"status\":\"ok\"}");
        }
        assertThat(Health.answer("/_wharf/live", well).status()).isEqualTo(200);
        assertThat(Health.answer("/_wharf/other", well)).isNull();
    }

    @Test
    void aFailedStoreIsNotReadyButAlive() {
        Context failed = new Context(false, "store failed: corruption: block checksum mismatch in \"000009.sst\"");
        WireResponse ready = Health.answer("/_wharf/ready", failed);
        assertThat(ready.status()).isEqualTo(503);
        assertThat(body(ready)).isEqualTo("{\"status\":\"unavailable\",\"reason\":\"store failed: corruption: block "
                + "checksum mismatch in \\\"000009.sst\\\"\"}");
        assertThat(Health.answer("/_wharf/health", failed).status()).isEqualTo(503);
        assertThat(body(Health.answer("/_wharf/live", failed))).isEqualTo("{\"status\":\"alive\"}");
    }

    @Test
    void aFullDiskIsNamed() {
        Context full = new Context(false, "store failed: group commit failed: IO error: No space left on device: "
                + "While appending to file: /data/rocksdb/000004.log");
        assertThat(body(Health.answer("/_wharf/ready", full)))
                .startsWith("{\"status\":\"unavailable\",\"reason\":\"disk full: store failed: group commit failed");
    }

    @Test
    void shuttingDownIsNotReady() {
        WireResponse answer = Health.answer("/_wharf/health", new Context(true, null));
        assertThat(answer.status()).isEqualTo(503);
        assertThat(body(answer)).isEqualTo("{\"status\":\"unavailable\",\"reason\":\"shutting down\"}");
        assertThat(Health.answer("/_wharf/live", new Context(true, null)).status()).isEqualTo(200);
    }
}
