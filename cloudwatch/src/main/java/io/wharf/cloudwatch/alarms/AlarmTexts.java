package io.wharf.cloudwatch.alarms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.cloudwatch.engine.Dimension;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * AWS's words and JSON for alarms: StateReason ({@code Threshold Crossed: 1 out of the last 1 datapoints [5.0
 * (03/12/26 15:00:00)] was greater than the threshold (3.0) (minimum 1 datapoint for OK -> ALARM transition).}),
 * StateReasonData ({@code {"version":"1.0","queryDate":…,"startDate":…,"statistic":…,"period":…,
 * "recentDatapoints":[…],"threshold":…,"evaluatedDatapoints":[{"timestamp":…,"sampleCount":…,"value":…}]}}), the
 * history items' HistoryData and HistorySummary, and the notification SNS receives (AlarmName, AlarmDescription,
 * AWSAccountId, AlarmConfigurationUpdatedTimestamp, NewStateValue, NewStateReason, StateChangeTime, Region, AlarmArn,
 * OldStateValue, OKActions, AlarmActions, InsufficientDataActions, Trigger{…}) with its subject
 * {@code ALARM: "name" in US East (N. Virginia)}.
 */
public final class AlarmTexts {
    private static final DateTimeFormatter REASON_TIME = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter JSON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> REGION_NAMES = Map.ofEntries(
            Map.entry("us-east-1", "US East (N. Virginia)"), Map.entry("us-east-2", "US East (Ohio)"),
            Map.entry("us-west-1", "US West (N. California)"), Map.entry("us-west-2", "US West (Oregon)"),
            Map.entry("eu-west-1", "EU (Ireland)"), Map.entry("eu-west-2", "EU (London)"),
            Map.entry("eu-west-3", "EU (Paris)"), Map.entry("eu-central-1", "EU (Frankfurt)"),
            Map.entry("eu-north-1", "EU (Stockholm)"), Map.entry("ap-northeast-1", "Asia Pacific (Tokyo)"),
            Map.entry("ap-southeast-1", "Asia Pacific (Singapore)"),
            Map.entry("ap-southeast-2", "Asia Pacific (Sydney)"), Map.entry("ap-south-1", "Asia Pacific (Mumbai)"),
            Map.entry("sa-east-1", "South America (Sao Paulo)"), Map.entry("ca-central-1", "Canada (Central)"));

    public static final String INITIAL_REASON = "Unchecked: Initial alarm creation";

    private AlarmTexts() {
    }

    public static String time(long millis) {
        return JSON_TIME.format(Instant.ofEpochMilli(millis));
    }

    static String regionName(String region) {
        return REGION_NAMES.getOrDefault(region, region);
    }

    /** One period of the evaluation range: its start, and the value (null: missing) and sample count. */
    public record Point(long startMillis, Double value, double sampleCount) {
    }

    private static String comparisonWords(String operator) {
        return switch (operator) {
            case "GreaterThanOrEqualToThreshold" -> "greater than or equal to";
            case "GreaterThanThreshold" -> "greater than";
            case "LessThanThreshold" -> "less than";
            default -> "less than or equal to";
        };
    }

    private static String number(double value) {
        return Double.toString(value);
    }

    /** StateReason for an evaluation that moved or kept the alarm in {@code state}. */
    static String reason(AlarmConfig config, List<Point> points, AlarmEvaluator.Outcome outcome, String oldState) {
        List<Point> present = points.stream().filter(p -> p.value() != null).toList();
        if (outcome.state().equals("INSUFFICIENT_DATA")) {
            return "Insufficient Data: " + points.size() + (points.size() == 1 ? " datapoint was" : " datapoints were")
                    + " unknown.";
        }
        StringBuilder list = new StringBuilder("[");
        List<Point> newestFirst = present.reversed();
        for (int i = 0; i < newestFirst.size(); i++) {
            Point p = newestFirst.get(i);
            list.append(i == 0 ? "" : ", ").append(number(p.value())).append(" (")
                    .append(REASON_TIME.format(Instant.ofEpochMilli(p.startMillis()))).append(")");
        }
        list.append("]");
        String words = comparisonWords(config.comparisonOperator());
        if (outcome.state().equals("ALARM")) {
            return "Threshold Crossed: " + outcome.breaching() + " out of the last " + outcome.present() + " datapoints "
                    + list + (outcome.breaching() == 1 ? " was " : " were ") + words + " the threshold ("
                    + number(config.threshold()) + ") (minimum " + config.datapointsToAlarm() + " datapoint"
                    + (config.datapointsToAlarm() == 1 ? "" : "s") + " for " + oldState + " -> ALARM transition).";
        }
        int count = present.size();
        return "Threshold Crossed: " + count + " datapoint" + (count == 1 ? " " : "s ") + list
                + (count == 1 ? " was not " : " were not ") + words + " the threshold (" + number(config.threshold())
                + ").";
    }

    /** StateReasonData, as JSON text. */
    static String reasonData(AlarmConfig config, List<Point> points, long nowMillis) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("version", "1.0")
                .put("queryDate", time(nowMillis));
        if (!points.isEmpty()) {
            data.put("startDate", time(points.getFirst().startMillis()));
        }
        if (config.statistic() != null) {
            data.put("statistic", config.statistic());
        } else {
            data.put("extendedStatistic", config.extendedStatistic());
        }
        data.put("period", config.periodSeconds());
        ArrayNode recent = data.putArray("recentDatapoints");
        ArrayNode evaluated = data.putArray("evaluatedDatapoints");
        for (Point p : points.reversed()) {
            if (p.value() != null) {
                recent.insert(0, p.value());
                evaluated.addObject().put("timestamp", time(p.startMillis())).put("sampleCount", p.sampleCount())
                        .put("value", p.value());
            }
        }
        data.put("threshold", config.threshold());
        return data.toString();
    }

    /** HistorySummary and HistoryData of a state change. */
    static String[] stateUpdate(Alarm before, Alarm after) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("version", "1.0");
        data.set("oldState", state(before));
        data.set("newState", state(after));
        return new String[]{"Alarm updated from " + before.stateValue() + " to " + after.stateValue(),
                data.toString()};
    }

    private static ObjectNode state(Alarm alarm) {
        ObjectNode state = JsonNodeFactory.instance.objectNode().put("stateValue", alarm.stateValue())
                .put("stateReason", alarm.stateReason());
        if (alarm.stateReasonData() != null) {
            try {
                state.set("stateReasonData", new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(alarm.stateReasonData()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                state.put("stateReasonData", alarm.stateReasonData()); // SetAlarmState's own text
            }
        }
        return state;
    }

    /** HistorySummary and HistoryData of a create or an update. */
    static String[] configurationUpdate(Alarm before, Alarm after) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("version", "1.0");
        if (before == null) {
            data.put("type", "Create");
            data.set("createdAlarm", settings(after));
            return new String[]{"Alarm \"" + after.config().name() + "\" created", data.toString()};
        }
        data.put("type", "Update");
        data.set("updatedAlarm", settings(after));
        data.set("originalAlarm", settings(before));
        return new String[]{"Alarm \"" + after.config().name() + "\" updated", data.toString()};
    }

    private static ObjectNode settings(Alarm alarm) {
        AlarmConfig c = alarm.config();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("alarmName", c.name()).put("alarmArn", alarm.arn());
        if (c.description() != null) {
            out.put("alarmDescription", c.description());
        }
        out.put("actionsEnabled", c.actionsEnabled()).put("namespace", c.namespace())
                .put("metricName", c.metricName());
        ArrayNode dimensions = out.putArray("dimensions");
        c.dimensions().forEach(d -> dimensions.addObject().put("name", d.name()).put("value", d.value()));
        if (c.statistic() != null) {
            out.put("statistic", c.statistic());
        } else {
            out.put("extendedStatistic", c.extendedStatistic());
        }
        out.put("period", c.periodSeconds()).put("evaluationPeriods", c.evaluationPeriods())
                .put("datapointsToAlarm", c.datapointsToAlarm()).put("threshold", c.threshold())
                .put("comparisonOperator", c.comparisonOperator()).put("treatMissingData", c.treatMissingData());
        c.alarmActions().forEach(out.withArray("alarmActions")::add);
        c.okActions().forEach(out.withArray("okActions")::add);
        c.insufficientDataActions().forEach(out.withArray("insufficientDataActions")::add);
        return out;
    }

    /** The SNS subject of a notification. */
    static String subject(Alarm after) {
        String subject = after.stateValue() + ": \"" + after.config().name() + "\" in " + regionName(after.region());
        return subject.length() <= 100 ? subject : subject.substring(0, 100);
    }

    /** The notification an SNS action publishes. */
    static String notification(Alarm before, Alarm after) {
        AlarmConfig c = after.config();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("AlarmName", c.name());
        if (c.description() == null) {
            out.putNull("AlarmDescription");
        } else {
            out.put("AlarmDescription", c.description());
        }
        out.put("AWSAccountId", after.account())
                .put("AlarmConfigurationUpdatedTimestamp", time(after.configUpdatedMillis()))
                .put("NewStateValue", after.stateValue()).put("NewStateReason", after.stateReason())
                .put("StateChangeTime", time(after.stateUpdatedMillis())).put("Region", regionName(after.region()))
                .put("AlarmArn", after.arn()).put("OldStateValue", before.stateValue());
        putActions(out, c);
        ObjectNode trigger = out.putObject("Trigger");
        trigger.put("MetricName", c.metricName()).put("Namespace", c.namespace());
        if (c.statistic() != null) {
            trigger.put("StatisticType", "Statistic").put("Statistic",
                    c.statistic().toUpperCase(java.util.Locale.ROOT));
        } else {
            trigger.put("StatisticType", "ExtendedStatistic").put("ExtendedStatistic", c.extendedStatistic());
        }
        if (c.unit() == null) {
            trigger.putNull("Unit");
        } else {
            trigger.put("Unit", c.unit());
        }
        ArrayNode dimensions = trigger.putArray("Dimensions");
        for (Dimension d : c.dimensions()) {
            dimensions.addObject().put("value", d.value()).put("name", d.name());
        }
        trigger.put("Period", c.periodSeconds()).put("EvaluationPeriods", c.evaluationPeriods())
                .put("DatapointsToAlarm", c.datapointsToAlarm())
                .put("ComparisonOperator", c.comparisonOperator()).put("Threshold", c.threshold())
                .put("TreatMissingData", c.treatMissingData()).put("EvaluateLowSampleCountPercentile", "");
        return out.toString();
    }

    /** The alarm's three action lists, each present even when empty, as AWS describes and notifies them. */
    public static void putActions(ObjectNode out, AlarmConfig c) {
        ArrayNode ok = out.putArray("OKActions");
        c.okActions().forEach(ok::add);
        ArrayNode alarm = out.putArray("AlarmActions");
        c.alarmActions().forEach(alarm::add);
        ArrayNode insufficientData = out.putArray("InsufficientDataActions");
        c.insufficientDataActions().forEach(insufficientData::add);
    }
}
