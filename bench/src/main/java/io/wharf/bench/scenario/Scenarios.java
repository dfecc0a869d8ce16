package io.wharf.bench.scenario;

import io.wharf.bench.sqs.SqsRoundtrip;
import io.wharf.bench.sqs.SqsSend;
import io.wharf.bench.sqs.SqsSingle;

import java.util.List;

/** Every scenario by name. Kinesis scenarios join this list when their services exist. */
public final class Scenarios {
    private static final List<Scenario> ALL = List.of(new SqsSend(), new SqsRoundtrip(), new SqsSingle(),
            new SqsRoundtrip(true), new io.wharf.bench.sns.SnsFanout());

    private Scenarios() {
    }

    public static List<String> names() {
        return ALL.stream().map(Scenario::name).toList();
    }

    public static Scenario named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no scenario '" + name + "'; known: " + String.join(", ", names())));
    }
}
