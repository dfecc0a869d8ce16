package io.wharf.bench.s3;

import io.wharf.bench.kinesis.KinesisResults;
import io.wharf.bench.scenario.ScenarioSettings;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The parameters every S3 result carries, and its data rate in MB (10^6 bytes) of object data per second. */
final class S3Results {
    private S3Results() {
    }

    static Map<String, String> parameters(ScenarioSettings settings, long objects, double seconds) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("callers", Integer.toString(settings.callers()));
        parameters.put("objectBytes", Integer.toString(settings.s3().objectBytes()));
        parameters.put("objects", Integer.toString(settings.s3().objects()));
        parameters.put(KinesisResults.DATA_RATE, String.format(Locale.ROOT, "%.2f",
                seconds > 0 ? objects * (double) settings.s3().objectBytes() / 1e6 / seconds : 0));
        return parameters;
    }
}
