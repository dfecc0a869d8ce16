package io.wharf.protocol;

import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.ServiceModel;

import java.util.LinkedHashMap;
import java.util.Map;

/** The models the protocol tests run against, loaded once: SQS and SNS (main resources), Kinesis, S3, MQ (all main resources). */
public final class TestModels {
    public static final ServiceModel SQS = ServiceModel.fromClasspath("models/sqs");
    public static final ServiceModel SNS = ServiceModel.fromClasspath("models/sns");
    public static final ServiceModel KINESIS = ServiceModel.fromClasspath("models/kinesis");
    public static final ServiceModel S3 = ServiceModel.fromClasspath("models/s3");
    public static final ServiceModel MQ = ServiceModel.fromClasspath("models/mq");

    private TestModels() {
    }

    public static OperationModel op(ServiceModel model, String name) {
        return model.operation(name).orElseThrow(() -> new AssertionError("no operation " + name));
    }

    /** Ordered parameters from alternating names and values. */
    public static Map<String, String> params(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of arguments");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }
}
