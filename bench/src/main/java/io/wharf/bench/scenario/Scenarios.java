package io.wharf.bench.scenario;

import io.wharf.bench.dynamodb.DynamoDbItems;
import io.wharf.bench.firehose.FirehoseLatency;
import io.wharf.bench.firehose.FirehosePut;
import io.wharf.bench.kinesis.KclConsume;
import io.wharf.bench.kinesis.KinesisPut;
import io.wharf.bench.kinesis.KinesisRoundtrip;
import io.wharf.bench.kinesis.KinesisSubscribe;
import io.wharf.bench.mq.JmsRoundtrip;
import io.wharf.bench.s3.S3Get;
import io.wharf.bench.s3.S3Put;
import io.wharf.bench.sns.SnsFanout;
import io.wharf.bench.sqs.SqsRoundtrip;
import io.wharf.bench.sqs.SqsSend;
import io.wharf.bench.sqs.SqsSingle;

import java.util.List;

/** Every scenario by name. */
public final class Scenarios {
    private static final List<Scenario> ALL = List.of(new SqsSend(), new SqsRoundtrip(), new SqsSingle(),
            new SqsRoundtrip(true), new SnsFanout(), new KinesisPut(), new KinesisRoundtrip(),
            new KinesisSubscribe(), new S3Put(), new S3Get(), new FirehosePut(), new FirehoseLatency(), new DynamoDbItems(),
            new KclConsume(true), new KclConsume(false), new JmsRoundtrip());

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
