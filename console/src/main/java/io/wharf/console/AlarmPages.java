package io.wharf.console;

import io.wharf.cloudwatch.CloudWatchService;
import io.wharf.cloudwatch.alarms.Alarm;
import io.wharf.cloudwatch.alarms.AlarmConfig;
import io.wharf.cloudwatch.alarms.AlarmsEngine;
import io.wharf.cloudwatch.engine.Dimension;
import io.wharf.console.view.AlarmRow;
import io.wharf.console.view.AlarmView;
import io.wharf.console.view.HistoryRow;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.wire.WireResponse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CloudWatch alarms, read only: the list ({@code cloudwatch:DescribeAlarms} on {@code *}, as AWS authorises it)
 * and one alarm's page with its recent history ({@code cloudwatch:DescribeAlarmHistory} on the alarm's ARN).
 */
final class AlarmPages {
    private final CloudWatchService cloudWatch;
    private final AlarmsEngine engine;
    private final ConsoleAccess access;
    private final Html html;

    AlarmPages(CloudWatchService cloudWatch, ConsoleAccess access, Html html) {
        this.cloudWatch = cloudWatch;
        this.engine = cloudWatch.alarms();
        this.access = access;
        this.html = html;
    }

    WireResponse list(Visit v) {
        try {
            access.check(v.caller(), cloudWatch, "cloudwatch:DescribeAlarms", "*", null);
            List<AlarmRow> rows = new ArrayList<>();
            for (Alarm a : engine.describe(v.caller().account(), v.caller().region(),
                    new AlarmsEngine.Filter(null, null, null, null))) {
                rows.add(new AlarmRow(a.config().name(), v.url("/alarm", "name", a.config().name()), a.stateValue(),
                        a.stateReason(), metric(a.config()), threshold(a.config())));
            }
            return html.page(200, "alarms", Html.params("chrome", v.chrome("Alarms", "alarms", null), "rows", rows));
        } catch (ConsoleAccess.Denied e) {
            return html.page(403, "alarms", Html.params("chrome", v.chrome("Alarms", "alarms", Texts.error(e)),
                    "rows", List.of()));
        }
    }

    WireResponse page(Visit v) {
        String name = v.required("name");
        String title = "Alarm " + name;
        String account = v.caller().account();
        String region = v.caller().region();
        try {
            access.check(v.caller(), cloudWatch, "cloudwatch:DescribeAlarms", "*", null);
            List<Alarm> found = engine.describe(account, region, new AlarmsEngine.Filter(List.of(name), null, null,
                    null));
            if (found.isEmpty()) {
                return html.page(404, "message", Html.params("chrome", v.chrome(title, "alarms",
                        "No alarm named " + name + " in this account and region.")));
            }
            Alarm a = found.get(0);
            AlarmConfig c = a.config();
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("Metric", metric(c));
            facts.put("Dimensions", dimensions(c.dimensions()));
            facts.put("Threshold", threshold(c));
            facts.put("Datapoints to alarm", (c.datapointsToAlarm() > 0 ? c.datapointsToAlarm() : c.evaluationPeriods())
                    + " out of " + c.evaluationPeriods());
            facts.put("Missing data", c.treatMissingData() == null ? "missing" : c.treatMissingData());
            facts.put("Actions", (c.actionsEnabled() ? "enabled" : "disabled") + actions(c));
            facts.put("Description", c.description() == null ? "" : c.description());
            facts.put("State updated", Texts.time(a.stateUpdatedMillis()));
            List<HistoryRow> history = new ArrayList<>();
            String historyError = null;
            try {
                access.check(v.caller(), cloudWatch, "cloudwatch:DescribeAlarmHistory", a.arn(), account);
                List<AlarmsEngine.HistoryItem> items = new ArrayList<>(engine.history(account, region, name, null,
                        null, null));
                items.sort(Comparator.comparingLong(AlarmsEngine.HistoryItem::timestampMillis).reversed());
                for (AlarmsEngine.HistoryItem item : items.subList(0, Math.min(AlarmView.MAX_HISTORY, items.size()))) {
                    history.add(new HistoryRow(Texts.time(item.timestampMillis()), item.type(), item.summary()));
                }
            } catch (ConsoleAccess.Denied e) {
                historyError = Texts.error(e);
            }
            AlarmView view = new AlarmView(name, a.arn(), a.stateValue(), a.stateReason(), facts, history,
                    historyError);
            return html.page(200, "alarm", Html.params("chrome", v.chrome(title, "alarms", null), "a", view));
        } catch (ConsoleAccess.Denied e) {
            return html.page(403, "message", Html.params("chrome", v.chrome(title, "alarms", Texts.error(e))));
        } catch (AwsException e) {
            return html.page(e.httpStatus(), "message", Html.params("chrome", v.chrome(title, "alarms",
                    Texts.error(e))));
        }
    }

    /** {@code AWS/SQS ApproximateNumberOfMessagesVisible (Maximum, 60 s)}. */
    static String metric(AlarmConfig c) {
        if (c.metricName() == null) {
            return "(metric math)";
        }
        return c.namespace() + " " + c.metricName() + " (" + c.stat() + ", " + c.periodSeconds() + " s)";
    }

    /** {@code >= 5}: the comparison as a symbol where AWS's operator has one. */
    static String threshold(AlarmConfig c) {
        String op = c.comparisonOperator() == null ? "" : switch (c.comparisonOperator()) {
            case "GreaterThanOrEqualToThreshold" -> ">=";
            case "GreaterThanThreshold" -> ">";
            case "LessThanThreshold" -> "<";
            case "LessThanOrEqualToThreshold" -> "<=";
            default -> c.comparisonOperator();
        };
        return (op + " " + number(c.threshold())).trim();
    }

    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String dimensions(List<Dimension> dimensions) {
        List<String> parts = new ArrayList<>();
        for (Dimension d : dimensions) {
            parts.add(d.name() + "=" + d.value());
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String actions(AlarmConfig c) {
        StringBuilder text = new StringBuilder();
        for (String state : List.of("ALARM", "OK", "INSUFFICIENT_DATA")) {
            if (!c.actionsFor(state).isEmpty()) {
                text.append("; ").append(state).append(" → ").append(String.join(", ", c.actionsFor(state)));
            }
        }
        return text.toString();
    }
}
