package io.wharf.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One metric whose series are polled at scrape time: {@link #update} sets each series' value, registers the new ones
 * and removes those no longer given (a deleted queue's series go away). A counter's value is the engine's running
 * total; it restarts from zero with the process, and an {@code _other} aggregate may step down when a member goes.
 * Used under the scrape's lock only.
 */
final class PolledSeries {
    enum Kind { GAUGE, COUNTER }

    private static final class Holder {
        volatile double value;
        Meter meter;
    }

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Kind kind;
    private final Map<Tags, Holder> series = new HashMap<>();

    PolledSeries(MeterRegistry registry, String name, String description, Kind kind) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.kind = kind;
    }

    void update(Map<Tags, Double> values) {
        for (Iterator<Map.Entry<Tags, Holder>> it = series.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Tags, Holder> e = it.next();
            if (!values.containsKey(e.getKey())) {
                registry.remove(e.getValue().meter);
                it.remove();
            }
        }
        values.forEach((tags, value) -> {
            Holder holder = series.get(tags);
            if (holder == null) {
                holder = new Holder();
                holder.meter = kind == Kind.GAUGE
                        ? Gauge.builder(name, holder, h -> h.value).description(description).tags(tags)
                                .register(registry)
                        : FunctionCounter.builder(name, holder, h -> h.value).description(description).tags(tags)
                                .register(registry);
                series.put(tags, holder);
            }
            holder.value = value;
        });
    }

    int size() {
        return series.size();
    }
}
