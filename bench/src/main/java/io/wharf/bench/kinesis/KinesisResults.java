package io.wharf.bench.kinesis;

import io.wharf.bench.scenario.ScenarioSettings;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters every Kinesis result carries, and its data rate: {@value #DATA_RATE} is record data
 * (not partition keys, not the wire's base64 or framing) in MB of 10^6 bytes per second, the unit of
 * AWS's own shard limits (1 MB/s in per shard).
 */
public final class KinesisResults {
    public static final String DATA_RATE = "dataMBPerSecond";

    private KinesisResults() {
    }

    static Map<String, String> parameters(ScenarioSettings settings, String callersName, int callers) {
        KinesisSettings kinesis = settings.kinesis();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(callersName, Integer.toString(callers));
        parameters.put("shards", Integer.toString(kinesis.shards()));
        parameters.put("recordsPerPut", Integer.toString(kinesis.recordsPerPut()));
        parameters.put("recordBytes", Integer.toString(settings.bodyBytes()));
        parameters.put("wire", kinesis.wire().label());
        return parameters;
    }

    static void putDataRate(Map<String, String> parameters, long records, int recordBytes, double seconds) {
        parameters.put(DATA_RATE, String.format(Locale.ROOT, "%.2f", dataMegabytesPerSecond(records, recordBytes, seconds)));
    }

    static double dataMegabytesPerSecond(long records, int recordBytes, double seconds) {
        return seconds > 0 ? records * (double) recordBytes / 1e6 / seconds : 0;
    }
}
