package io.wharf.cloudwatch.alarms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.cloudwatch.engine.Datum;
import io.wharf.cloudwatch.engine.Dimension;
import io.wharf.cloudwatch.engine.MetricsEngine;
import io.wharf.protocol.AwsException;
import io.wharf.storage.MemoryStore;
import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlarmsEngineTest {
    private static final String ACCOUNT = "111122223333";
    private static final String REGION = "us-east-1";
    private static final long NOW = 1_764_759_000_000L; // a whole minute: 2025-12-03T10:50:00Z
    private final ManualClock clock = new ManualClock(NOW);
    private final MemoryStore store = new MemoryStore();
    private final MetricsEngine metrics = new MetricsEngine(store, clock);
    private final List<String[]> sent = new ArrayList<>();
    private final AlarmsEngine alarms = new AlarmsEngine(store, clock, metrics,
            (alarm, topic, subject, message) -> sent.add(new String[]{topic, subject, message, alarm}));
    private static final Dimension QUEUE = new Dimension("QueueName", "orders-dlq");
    private static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:ops";

    private static AlarmConfig config(int evaluationPeriods, int datapointsToAlarm, String treatMissing) {
        return new AlarmConfig("dlq-not-empty", "DLQ has messages", true, List.of(TOPIC), List.of(TOPIC), List.of(),
                "App", "Depth", List.of(QUEUE), "Maximum", null, 60, null, evaluationPeriods, datapointsToAlarm, 0,
                "GreaterThanThreshold", treatMissing);
    }

    private void depth(long at, double value) {
        metrics.put(ACCOUNT, REGION, "App", List.of(new Datum("MetricData.member.1", "Depth", List.of(QUEUE), at,
                value, List.of(), List.of(), null, null, null)));
    }

    private Alarm alarm() {
        return alarms.describe(ACCOUNT, REGION, new AlarmsEngine.Filter(null, null, null, null)).getFirst();
    }

    @Test
    void crossingTheThresholdAlarmsNotifiesAndRecordsHistory() throws Exception {
        alarms.put(ACCOUNT, REGION, config(1, 1, "missing"), Map.of("team", "ops"));
        assertThat(alarm().stateValue()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(alarm().stateReason()).isEqualTo("Unchecked: Initial alarm creation");

        depth(NOW + 10_000, 0);
        clock.advance(Duration.ofSeconds(60));
        alarms.evaluateDue();
        assertThat(alarm().stateValue()).isEqualTo("OK");
        assertThat(alarm().stateReason()).isEqualTo(
                "Threshold Crossed: 1 datapoint [0.0 (03/12/25 10:50:00)] was not greater than the threshold (0.0).");

        depth(NOW + 70_000, 3);
        clock.advance(Duration.ofSeconds(60));
        alarms.evaluateDue();
        Alarm alarm = alarm();
        assertThat(alarm.stateValue()).isEqualTo("ALARM");
        assertThat(alarm.stateReason()).isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints "
                + "[3.0 (03/12/25 10:51:00)] was greater than the threshold (0.0) "
                + "(minimum 1 datapoint for OK -> ALARM transition).");
        JsonNode data = new ObjectMapper().readTree(alarm.stateReasonData());
        assertThat(data.get("version").asText()).isEqualTo("1.0");
        assertThat(data.get("statistic").asText()).isEqualTo("Maximum");
        assertThat(data.get("recentDatapoints").get(0).asDouble()).isEqualTo(3.0);
        assertThat(data.get("evaluatedDatapoints").get(0).get("timestamp").asText())
                .isEqualTo("2025-12-03T10:51:00.000+0000");

        // OK and ALARM each notified the topic, once
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)[0]).isEqualTo(TOPIC);
        assertThat(sent.get(1)[1]).isEqualTo("ALARM: \"dlq-not-empty\" in US East (N. Virginia)");
        assertThat(sent.get(1)[3]).as("the alarm acting").isEqualTo(alarm().arn());
        JsonNode message = new ObjectMapper().readTree(sent.get(1)[2]);
        assertThat(message.get("AlarmName").asText()).isEqualTo("dlq-not-empty");
        assertThat(message.get("NewStateValue").asText()).isEqualTo("ALARM");
        assertThat(message.get("OldStateValue").asText()).isEqualTo("OK");
        assertThat(message.get("AWSAccountId").asText()).isEqualTo(ACCOUNT);
        assertThat(message.get("AlarmArn").asText())
                .isEqualTo("arn:aws:cloudwatch:us-east-1:111122223333:alarm:dlq-not-empty");
        assertThat(message.get("Trigger").get("Statistic").asText()).isEqualTo("MAXIMUM");
        assertThat(message.get("Trigger").get("Dimensions").get(0).get("value").asText()).isEqualTo("orders-dlq");

        clock.advance(Duration.ofSeconds(60));
        alarms.evaluateDue(); // the next minute has no data: missing → INSUFFICIENT_DATA, no action configured
        assertThat(alarm().stateValue()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(alarm().stateReason()).isEqualTo("Insufficient Data: 1 datapoint was unknown.");
        assertThat(sent).hasSize(2);

        List<AlarmsEngine.HistoryItem> history = alarms.history(ACCOUNT, REGION, "dlq-not-empty", null, null, null);
        assertThat(history).extracting(AlarmsEngine.HistoryItem::summary).containsExactly(
                "Alarm updated from ALARM to INSUFFICIENT_DATA",
                "Successfully executed action " + TOPIC,
                "Alarm updated from OK to ALARM",
                "Successfully executed action " + TOPIC,
                "Alarm updated from INSUFFICIENT_DATA to OK",
                "Alarm \"dlq-not-empty\" created");
        JsonNode update = new ObjectMapper().readTree(history.get(2).data());
        assertThat(update.get("oldState").get("stateValue").asText()).isEqualTo("OK");
        assertThat(update.get("newState").get("stateReasonData").get("threshold").asDouble()).isEqualTo(0.0);
    }

    @Test
    void disabledActionsAndSetAlarmStateAndARestart() {
        alarms.put(ACCOUNT, REGION, config(3, 2, "notBreaching"), Map.of("team", "ops"));
        alarms.actionsEnabled(ACCOUNT, REGION, List.of("dlq-not-empty", "no-such-alarm"), false);
        alarms.setState(ACCOUNT, REGION, "dlq-not-empty", "ALARM", "testing", "{\"by\":\"hand\"}");
        assertThat(alarm().stateValue()).isEqualTo("ALARM");
        assertThat(sent).as("actions disabled").isEmpty();
        alarms.retag(alarm().arn(), Map.of("env", "test"), List.of("team"));

        AlarmsEngine reopened = new AlarmsEngine(store, clock, new MetricsEngine(store, clock), (a, t, s, m) -> { });
        Alarm back = reopened.describe(ACCOUNT, REGION, new AlarmsEngine.Filter(null, "dlq", "ALARM", "arn:aws:sns"))
                .getFirst();
        assertThat(back).isEqualTo(alarm());
        assertThat(back.config().actionsEnabled()).isFalse();
        assertThat(back.tags()).containsExactly(Map.entry("env", "test"));
        assertThat(reopened.history(ACCOUNT, REGION, null, "StateUpdate", null, null)).hasSize(1);
        assertThat(reopened.history(ACCOUNT, REGION, null, null, null, null)).hasSize(3);

        clock.advance(Duration.ofMinutes(5));
        reopened.evaluateDue(); // no data, treated as not breaching
        assertThat(reopened.describe(ACCOUNT, REGION, new AlarmsEngine.Filter(null, null, null, null)).getFirst()
                .stateValue()).isEqualTo("OK");
    }

    @Test
    void unknownAlarmsAreAwsErrors() {
        assertThatThrownBy(() -> alarms.delete(ACCOUNT, REGION, List.of("nope")))
                .isInstanceOf(AwsException.class).hasMessage("The following alarms were not found: nope");
        assertThatThrownBy(() -> alarms.setState(ACCOUNT, REGION, "nope", "OK", "r", null))
                .isInstanceOf(AwsException.class);
        alarms.put(ACCOUNT, REGION, config(1, 1, "missing"), Map.of());
        assertThatThrownBy(() -> alarms.setState(ACCOUNT, REGION, "dlq-not-empty", "OK", "r", "{not json"))
                .isInstanceOf(AwsException.class).hasMessage("Unable to parse JSON in StateReasonData.");
        alarms.delete(ACCOUNT, REGION, List.of("dlq-not-empty"));
        assertThat(alarms.describe(ACCOUNT, REGION, new AlarmsEngine.Filter(null, null, null, null))).isEmpty();
        assertThat(alarms.history(ACCOUNT, REGION, null, null, null, null)).isEmpty();
    }
}
