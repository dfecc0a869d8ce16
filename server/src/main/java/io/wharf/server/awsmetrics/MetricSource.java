package io.wharf.server.awsmetrics;

/** One service's metrics: reads its engine's statistics and adds this interval's datapoints. */
interface MetricSource {
    void collect(Datapoints out, long nowMillis);
}
