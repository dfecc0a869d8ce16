package io.wharf.cloudwatch;

import io.wharf.cloudwatch.alarms.AlarmActions;
import io.wharf.cloudwatch.alarms.AlarmsEngine;
import io.wharf.cloudwatch.engine.MetricsEngine;
import io.wharf.cloudwatch.operations.Alarms;
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
 * ListMetrics, GetMetricStatistics, GetMetricData and the metric alarms are implemented; the model's other actions (dashboards,
 * insight rules, metric streams…) answer the gateway's {@code NotImplemented}.
 */
public final class CloudWatchService implements AwsService, AutoCloseable {
    private final ServiceModel model = ServiceModel.fromClasspath("models/cloudwatch");
    private final MetricsEngine engine;
    private final AlarmsEngine alarms;
    private final Map<String, Operation> operations;

    private CloudWatchService(MetricsEngine engine, AlarmsEngine alarms) {
        this.engine = engine;
        this.alarms = alarms;
        Map<String, Operation> ops = new java.util.HashMap<>(Map.of(
                "PutMetricData", new PutMetricData(engine),
                "ListMetrics", new ListMetrics(engine),
                "GetMetricStatistics", new GetMetricStatistics(engine),
                "GetMetricData", new GetMetricData(engine)));
        ops.putAll(Alarms.operations(alarms));
        this.operations = Map.copyOf(ops);
    }

    /** CloudWatch over {@code store}, its metrics and alarms read back from it; alarms not evaluated (see start). */
    public static CloudWatchService create(Store store, Clock clock) {
        return create(store, clock, AlarmActions.NONE);
    }

    /** As {@link #create(Store, Clock)}, alarm notifications going to {@code actions}. */
    public static CloudWatchService create(Store store, Clock clock, AlarmActions actions) {
        MetricsEngine metrics = new MetricsEngine(store, clock);
        return new CloudWatchService(metrics, new AlarmsEngine(store, clock, metrics, actions));
    }

    /** Starts evaluating the alarms (a daemon thread, stopped by {@link #close()}). */
    public CloudWatchService start() {
        alarms.start();
        return this;
    }

    public AlarmsEngine alarms() {
        return alarms;
    }

    @Override
    public void close() {
        alarms.close();
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
        return CloudWatchAccess.checks(operation, input, context.accountId(), context.region());
    }
}
