package io.wharf.cloudwatch.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.cloudwatch.CloudWatchErrors;
import io.wharf.cloudwatch.alarms.Alarm;
import io.wharf.cloudwatch.alarms.AlarmConfig;
import io.wharf.cloudwatch.alarms.AlarmTexts;
import io.wharf.cloudwatch.alarms.AlarmsEngine;
import io.wharf.cloudwatch.engine.Aggregate;
import io.wharf.cloudwatch.engine.CloudWatchLimits;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metric-alarm actions, one small operation each over {@link AlarmsEngine}: PutMetricAlarm, DescribeAlarms,
 * DescribeAlarmsForMetric, DeleteAlarms, SetAlarmState, EnableAlarmActions, DisableAlarmActions, DescribeAlarmHistory,
 * and the tagging actions on alarm ARNs. Alarms on metric math ({@code Metrics}), anomaly-detection bands and composite
 * alarms are refused or answered empty.
 */
public final class Alarms {
    private static final Set<String> TREAT_MISSING = Set.of("missing", "notBreaching", "breaching", "ignore");
    private static final Set<String> STATIC_COMPARISONS = Set.of("GreaterThanOrEqualToThreshold",
            "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold");

    private Alarms() {
    }

    /** Every alarm action by its name. */
    public static Map<String, Operation> operations(AlarmsEngine engine) {
        Map<String, Operation> ops = new LinkedHashMap<>();
        ops.put("PutMetricAlarm", (ctx, in) -> {
            engine.put(ctx.accountId(), ctx.region(), config(in), tags(in));
            return null;
        });
        ops.put("DescribeAlarms", (ctx, in) -> {
            boolean metricAlarms = in.strings("AlarmTypes").isEmpty() || in.strings("AlarmTypes").contains(
                    "MetricAlarm");
            boolean family = in.string("ChildrenOfAlarmName") != null || in.string("ParentsOfAlarmName") != null;
            List<Alarm> all = !metricAlarms || family ? List.of() : engine.describe(ctx.accountId(), ctx.region(),
                    new AlarmsEngine.Filter(in.strings("AlarmNames"), in.string("AlarmNamePrefix"),
                            in.string("StateValue"), in.string("ActionPrefix")));
            int max = in.integer("MaxRecords") == null ? CloudWatchLimits.ALARM_PAGE : in.integer("MaxRecords");
            String after = in.string("NextToken") == null ? null : decode(in.string("NextToken"));
            ObjectNode out = Wire.object();
            out.putArray("CompositeAlarms");
            ArrayNode list = out.putArray("MetricAlarms");
            String last = null;
            boolean more = false;
            for (Alarm alarm : all) {
                if (after != null && alarm.config().name().compareTo(after) <= 0) {
                    continue;
                }
                if (list.size() == max) {
                    more = true;
                    break;
                }
                alarm(list.addObject(), alarm);
                last = alarm.config().name();
            }
            if (more) {
                out.put("NextToken", encode(last));
            }
            return out;
        });
        ops.put("DescribeAlarmsForMetric", (ctx, in) -> {
            ObjectNode out = Wire.object();
            ArrayNode list = out.putArray("MetricAlarms");
            engine.forMetric(ctx.accountId(), ctx.region(), in.string("Namespace"), in.string("MetricName"),
                    Wire.dimensions(in), in.string("Statistic"), in.string("ExtendedStatistic"), in.integer("Period"),
                    in.string("Unit")).forEach(a -> alarm(list.addObject(), a));
            return out;
        });
        ops.put("DeleteAlarms", (ctx, in) -> {
            engine.delete(ctx.accountId(), ctx.region(), in.strings("AlarmNames"));
            return null;
        });
        ops.put("SetAlarmState", (ctx, in) -> {
            engine.setState(ctx.accountId(), ctx.region(), in.string("AlarmName"), in.string("StateValue"),
                    in.string("StateReason"), in.string("StateReasonData"));
            return null;
        });
        ops.put("EnableAlarmActions", (ctx, in) -> {
            engine.actionsEnabled(ctx.accountId(), ctx.region(), in.strings("AlarmNames"), true);
            return null;
        });
        ops.put("DisableAlarmActions", (ctx, in) -> {
            engine.actionsEnabled(ctx.accountId(), ctx.region(), in.strings("AlarmNames"), false);
            return null;
        });
        ops.put("DescribeAlarmHistory", (ctx, in) -> {
            boolean metricAlarms = in.strings("AlarmTypes").isEmpty() || in.strings("AlarmTypes").contains(
                    "MetricAlarm");
            List<AlarmsEngine.HistoryItem> items = !metricAlarms ? List.of() : engine.history(ctx.accountId(),
                    ctx.region(), in.string("AlarmName"), in.string("HistoryItemType"), in.longValue("StartDate"),
                    in.longValue("EndDate"));
            if ("TimestampAscending".equals(in.string("ScanBy"))) {
                items = items.reversed();
            }
            int max = in.integer("MaxRecords") == null ? CloudWatchLimits.ALARM_PAGE : in.integer("MaxRecords");
            int from = 0;
            if (in.string("NextToken") != null) {
                try {
                    from = Integer.parseInt(decode(in.string("NextToken")));
                } catch (NumberFormatException e) {
                    throw CloudWatchErrors.INVALID_NEXT_TOKEN.error("The service cannot read the NextToken.");
                }
            }
            ObjectNode out = Wire.object();
            ArrayNode list = out.putArray("AlarmHistoryItems");
            for (int i = from; i < Math.min(items.size(), from + max); i++) {
                AlarmsEngine.HistoryItem item = items.get(i);
                list.addObject().put("AlarmName", item.alarmName()).put("AlarmType", "MetricAlarm")
                        .put("Timestamp", item.timestampMillis()).put("HistoryItemType", item.type())
                        .put("HistorySummary", item.summary()).put("HistoryData", item.data());
            }
            if (from + max < items.size()) {
                out.put("NextToken", encode(Integer.toString(from + max)));
            }
            return out;
        });
        ops.put("ListTagsForResource", (ctx, in) -> {
            ObjectNode out = Wire.object();
            ArrayNode list = out.putArray("Tags");
            engine.tags(in.string("ResourceARN")).forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
            return out;
        });
        ops.put("TagResource", (ctx, in) -> {
            engine.retag(in.string("ResourceARN"), tags(in), List.of());
            return Wire.object();
        });
        ops.put("UntagResource", (ctx, in) -> {
            engine.retag(in.string("ResourceARN"), Map.of(), in.strings("TagKeys"));
            return Wire.object();
        });
        return ops;
    }

    private static Map<String, String> tags(Input in) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Input tag : in.structs("Tags")) {
            tags.put(tag.string("Key"), tag.string("Value"));
        }
        return tags;
    }

    private static String required(Input in, String name) {
        String value = in.has(name) ? in.tree().get(name).asText() : null;
        if (value == null) {
            throw CloudWatchErrors.MISSING_PARAMETER.error("The parameter " + name + " is required.");
        }
        return value;
    }

    private static AlarmConfig config(Input in) {
        if (!in.structs("Metrics").isEmpty()) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.error("Wharf evaluates alarms on one metric "
                    + "(MetricName, Namespace); alarms on Metrics (metric math) are not implemented.");
        }
        required(in, "MetricName");
        required(in, "Namespace");
        required(in, "Period");
        required(in, "EvaluationPeriods");
        required(in, "ComparisonOperator");
        required(in, "Threshold");
        String statistic = in.string("Statistic");
        String extended = in.string("ExtendedStatistic");
        if (statistic != null && extended != null) {
            throw CloudWatchErrors.exclusive("Statistic", "ExtendedStatistic");
        }
        if (statistic == null && extended == null) {
            throw CloudWatchErrors.MISSING_PARAMETER.error(
                    "Must specify either the parameter Statistic or the parameter ExtendedStatistic.");
        }
        if (extended != null && Aggregate.percentileOf(extended) == null) {
            throw CloudWatchErrors.invalidValue("ExtendedStatistic", extended);
        }
        String comparison = in.string("ComparisonOperator");
        if (!STATIC_COMPARISONS.contains(comparison)) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.error("The value " + comparison
                    + " for parameter ComparisonOperator is not implemented by Wharf (anomaly-detection bands).");
        }
        int period = in.integer("Period");
        if (period != 10 && period != 30 && period % 60 != 0) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.error(
                    "The parameter Period must be 10, 30 or a multiple of 60.");
        }
        int evaluationPeriods = in.integer("EvaluationPeriods");
        int datapoints = in.integer("DatapointsToAlarm") == null ? evaluationPeriods : in.integer("DatapointsToAlarm");
        if (datapoints > evaluationPeriods) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.error(
                    "DatapointsToAlarm must be less than or equal to EvaluationPeriods.");
        }
        String treatMissing = in.string("TreatMissingData") == null ? "missing" : in.string("TreatMissingData");
        if (!TREAT_MISSING.contains(treatMissing)) {
            throw CloudWatchErrors.invalidValue("TreatMissingData", treatMissing);
        }
        return new AlarmConfig(in.string("AlarmName"), in.string("AlarmDescription"),
                !Boolean.FALSE.equals(in.bool("ActionsEnabled")), in.strings("OKActions"), in.strings("AlarmActions"),
                in.strings("InsufficientDataActions"), in.string("Namespace"), in.string("MetricName"),
                Wire.dimensions(in), statistic, extended, period, in.string("Unit"), evaluationPeriods, datapoints,
                in.tree().get("Threshold").asDouble(), comparison, treatMissing);
    }

    private static void alarm(ObjectNode out, Alarm alarm) {
        AlarmConfig c = alarm.config();
        out.put("AlarmName", c.name()).put("AlarmArn", alarm.arn());
        if (c.description() != null) {
            out.put("AlarmDescription", c.description());
        }
        out.put("AlarmConfigurationUpdatedTimestamp", alarm.configUpdatedMillis())
                .put("ActionsEnabled", c.actionsEnabled());
        AlarmTexts.putActions(out, c);
        out.put("StateValue", alarm.stateValue()).put("StateReason", alarm.stateReason());
        if (alarm.stateReasonData() != null) {
            out.put("StateReasonData", alarm.stateReasonData());
        }
        out.put("StateUpdatedTimestamp", alarm.stateUpdatedMillis());
        Wire.metric(out, c.namespace(), c.metricName(), c.dimensions());
        if (c.statistic() != null) {
            out.put("Statistic", c.statistic());
        } else {
            out.put("ExtendedStatistic", c.extendedStatistic());
        }
        out.put("Period", c.periodSeconds());
        if (c.unit() != null) {
            out.put("Unit", c.unit());
        }
        out.put("EvaluationPeriods", c.evaluationPeriods()).put("DatapointsToAlarm", c.datapointsToAlarm())
                .put("Threshold", c.threshold()).put("ComparisonOperator", c.comparisonOperator())
                .put("TreatMissingData", c.treatMissingData())
                .put("StateTransitionedTimestamp", alarm.stateTransitionedMillis());
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw CloudWatchErrors.INVALID_NEXT_TOKEN.error("The service cannot read the NextToken.");
        }
    }
}
