package io.wharf.bench.scale;

import java.util.Arrays;

/** One way of growing the work; {@link #run} builds it on a fresh Wharf and measures. */
public interface ScaleCase {
    String name();

    ScaleResult run(ScaleServer server, ScaleOptions options) throws Exception;

    static ScaleCase named(String name) {
        ScaleCase[] all = all();
        return Arrays.stream(all).filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scale case '" + name + "'; known: "
                        + String.join(", ", Arrays.stream(all).map(ScaleCase::name).toList())));
    }

    static ScaleCase[] all() {
        return new ScaleCase[] {new QueuesCase(), new BacklogCase(), new LongPollersCase(), new ConnectionsCase(),
                new ShardsCase(), new SubscriptionsCase(), new RecordsCase()};
    }
}
