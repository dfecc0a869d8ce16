package io.wharf.console;

import io.wharf.protocol.AwsException;

import java.time.Instant;
import java.util.Locale;

/** Small formatting shared by the pages. */
final class Texts {
    private Texts() {
    }

    /** An error as the wire would name it: {@code Code: message}. */
    static String error(AwsException e) {
        return e.code() + ": " + e.getMessage();
    }

    static String error(ConsoleAccess.Denied e) {
        return e.code() + ": " + e.getMessage();
    }

    static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    /** A rate to one decimal, or "–" before there are two samples. */
    static String rate(double[] rates, int index) {
        return rates == null || index >= rates.length ? "–" : String.format(Locale.ROOT, "%.1f", rates[index]);
    }

    /** The last part of an ARN ({@code …:name}). */
    static String lastPart(String arn) {
        int colon = arn.lastIndexOf(':');
        return colon < 0 ? arn : arn.substring(colon + 1);
    }

    /** The samples of one series as JSON for the chart: {@code {"t":[seconds…],"v":[[…],[…]]}}. */
    static String seriesJson(java.util.List<Sampler.Point> points, int values) {
        StringBuilder json = new StringBuilder("{\"t\":[");
        for (int i = 0; i < points.size(); i++) {
            json.append(i == 0 ? "" : ",").append(points.get(i).millis() / 1000);
        }
        json.append("],\"v\":[");
        for (int v = 0; v < values; v++) {
            json.append(v == 0 ? "[" : ",[");
            for (int i = 0; i < points.size(); i++) {
                double[] sample = points.get(i).values();
                json.append(i == 0 ? "" : ",").append(v < sample.length ? (long) sample[v] : 0);
            }
            json.append(']');
        }
        return json.append("]}").toString();
    }
}
