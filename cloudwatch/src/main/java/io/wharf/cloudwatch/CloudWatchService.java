package io.wharf.cloudwatch;

import io.wharf.cloudwatch.engine.MetricsEngine;
import io.wharf.cloudwatch.operations.CloudWatchAccess;
import io.wharf.cloudwatch.operations.GetMetricData;
import io.wharf.cloudwatch.operations.GetMetricStatistics;
import io.wharf.cloudwatch.operations.ListMetrics;
import io.wharf.cloudwatch.operations.PutMetricData;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.auth.AccessCheck;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.storage.Store;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Amazon CloudWatch as an {@link AwsService}: one model, three protocols — Smithy RPC v2 CBOR (what SDK v2 sends),
 * JSON 1.0 ({@code X-Amz-Target: GraniteServiceVersion20100801.<Action>}) and Query ({@code Action=…&Version=2010-08-01},
 * XML answers in {@code http://monitoring.amazonaws.com/doc/2010-08-01/}), all chosen by the gateway. PutMetricData,
 * ListMetrics, GetMetricStatistics and GetMetricData are implemented; the model's other actions (dashboards,
 * insight rules, metric streams…) answer the gateway's {@code NotImplemented}.
 */
public final class CloudWatchService implements AwsService {
    private final ServiceModel model = ServiceModel.fromClasspath("models/cloudwatch");
    private final MetricsEngine engine;
    private final Map<String, Operation> operations;

    private CloudWatchService(MetricsEngine engine) {
        this.engine = engine;
        this.operations = Map.of(
                "PutMetricData", new PutMetricData(engine),
                "ListMetrics", new ListMetrics(engine),
                "GetMetricStatistics", new GetMetricStatistics(engine),
                "GetMetricData", new GetMetricData(engine));
    }

    /** CloudWatch over {@code store}, its metrics read back from it. */
    public static CloudWatchService create(Store store, Clock clock) {
        return new CloudWatchService(new MetricsEngine(store, clock));
    }

    public MetricsEngine engine() {
        return engine;
    }

    @Override
    public ServiceModel model() {
        return model;
    }

    @Override
    public Map<String, Operation> operations() {
        return operations;
    }

    @Override
    public ValidationErrors validationErrors() {
        return CloudWatchErrors.VALIDATION_ERRORS;
    }

    @Override
    public List<AccessCheck> accessChecks(String operation, Input input, RequestContext context) {
        return CloudWatchAccess.checks(operation, input);
    }
}
