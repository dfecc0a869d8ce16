package io.wharf.bench.measure;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A {@link Result} as one line of JSON, for scripts and for keeping: fixed key order, times in
 * milliseconds, rates per second, absent CPU figures as {@code null}.
 */
public final class ResultJson {
    private ResultJson() {
    }

    public static String line(Result result) {
        StringBuilder json = new StringBuilder(512).append('{');
        field(json, "scenario").append(quote(result.scenario())).append(',');
        field(json, "target").append(quote(result.target())).append(',');
        field(json, "parameters").append('{');
        String separator = "";
        for (Map.Entry<String, String> parameter : result.parameters().entrySet()) {
            json.append(separator);
            field(json, parameter.getKey()).append(quote(parameter.getValue()));
            separator = ",";
        }
        json.append("},");
        field(json, "seconds").append(number(result.measuredSeconds())).append(',');
        field(json, "messages").append(result.messages()).append(',');
        field(json, "messagesPerSecond").append(number(result.messagesPerSecond())).append(',');
        field(json, "errors").append(result.errors()).append(',');
        field(json, "firstError").append(result.firstError() == null ? "null" : quote(result.firstError())).append(',');
        field(json, "primaryLatency").append(quote(result.primaryLatency())).append(',');
        field(json, "latencyMillis").append('{');
        separator = "";
        for (Map.Entry<String, Percentiles> latency : result.latencies().entrySet()) {
            Percentiles p = latency.getValue();
            json.append(separator);
            field(json, latency.getKey()).append("{\"count\":").append(p.count())
                    .append(",\"p50\":").append(number(p.p50Millis()))
                    .append(",\"p99\":").append(number(p.p99Millis()))
                    .append(",\"p99.9\":").append(number(p.p999Millis()))
                    .append(",\"max\":").append(number(p.maxMillis()))
                    .append(",\"mean\":").append(number(p.meanMillis())).append('}');
            separator = ",";
        }
        json.append("},");
        field(json, "serverCpuMillis").append(number(result.serverCpuMillis())).append(',');
        field(json, "serverCpuMillisPer1000Messages").append(number(result.serverCpuMillisPerThousand())).append(',');
        field(json, "clientCpuMillis").append(number(result.clientCpuMillis())).append(',');
        field(json, "clientCpuMillisPer1000Messages").append(number(result.clientCpuMillisPerThousand())).append(',');
        field(json, "loadAverage").append(number(result.loadAverage()));
        return json.append('}').toString();
    }

    private static StringBuilder field(StringBuilder json, String name) {
        return json.append(quote(name)).append(':');
    }

    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String number(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : "null";
    }

    private static String number(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "null";
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
