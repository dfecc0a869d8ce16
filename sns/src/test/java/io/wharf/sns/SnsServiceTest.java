package io.wharf.sns;

import io.wharf.protocol.model.OperationModel;
import io.wharf.storage.MemoryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class SnsServiceTest {

    @Test
    void everyOperationOfTheModelAnswers() {
        try (SnsService sns = SnsService.create(new MemoryStore(), Clock.systemUTC(), SqsDelivery.NONE,
                io.wharf.storage.crypto.MasterKey.ephemeral())) {
            assertThat(sns.operations().keySet())
                    .containsExactlyInAnyOrderElementsOf(sns.model().operations().stream().map(OperationModel::name)
                            .toList());
            assertThat(sns.operations()).hasSize(42);
        }
    }

    @Test
    void everyErrorOfTheModelIsInTheTableWithItsStatus() throws Exception {
        com.fasterxml.jackson.databind.JsonNode model;
        try (var in = getClass().getClassLoader().getResourceAsStream("models/sns/service-2.json")) {
            model = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        }
        java.util.Map<String, Integer> table = new java.util.HashMap<>();
        for (SnsErrors e : SnsErrors.values()) {
            table.put(e.code(), e.httpStatus());
        }
        model.get("shapes").forEach(shape -> {
            if (shape.path("exception").asBoolean() && shape.has("error")) {
                String code = shape.get("error").path("code").asText();
                if (!code.equals("ValidationException")) { // AWS answers ValidationError (sns.md §1.3)
                    assertThat(table).as(code).containsEntry(code, shape.get("error").path("httpStatusCode").asInt());
                }
            }
        });
    }

    @Test
    void theDeliveryGateGivenToCreateIsTheOneSubscribeAsks() {
        DeliveryTargets denyAll = new DeliveryTargets() {
            @Override
            public Verdict check(java.net.URI endpoint) {
                return Verdict.denied("all");
            }

            @Override
            public Verdict checkEmail(String address) {
                return Verdict.denied("all");
            }
        };
        try (SnsService sns = SnsService.create(new MemoryStore(), Clock.systemUTC(), SqsDelivery.NONE,
                io.wharf.sns.engine.SnsLimits.AWS, SmtpSettings.NONE, denyAll,
                io.wharf.storage.crypto.MasterKey.ephemeral())) {
            String topic = sns.engine().createTopic("us-east-1", "000000000000", "t", java.util.Map.of(),
                    java.util.Map.of(), null);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sns.engine().subscriptions().subscribe(topic,
                    "https", "https://example.com/", java.util.Map.of(), false))
                    .hasMessage("Invalid parameter: Unreachable Endpoint");
        }
    }
}
