package io.wharf.firehose;

import io.wharf.firehose.engine.FirehoseEngine;
import io.wharf.firehose.operations.CreateDeliveryStream;
import io.wharf.firehose.operations.DeleteDeliveryStream;
import io.wharf.firehose.operations.DescribeDeliveryStream;
import io.wharf.firehose.operations.FirehoseAccess;
import io.wharf.firehose.operations.ListDeliveryStreams;
import io.wharf.firehose.operations.ListTagsForDeliveryStream;
import io.wharf.firehose.operations.PutRecord;
import io.wharf.firehose.operations.PutRecordBatch;
import io.wharf.firehose.operations.StartDeliveryStreamEncryption;
import io.wharf.firehose.operations.StopDeliveryStreamEncryption;
import io.wharf.firehose.operations.TagDeliveryStream;
import io.wharf.firehose.operations.UntagDeliveryStream;
import io.wharf.firehose.operations.UpdateDestination;
import io.wharf.protocol.AuthErrors;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.auth.AccessCheck;
import io.wharf.protocol.crypto.DataKeys;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.storage.Store;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Amazon Data Firehose as an {@link AwsService}: the engine and one operation per action of the model. */
public final class FirehoseService implements AwsService, AutoCloseable {
    private final ServiceModel model = ServiceModel.fromClasspath("models/firehose");
    private final FirehoseEngine engine;
    private final Map<String, Operation> operations;

    private FirehoseService(FirehoseEngine engine) {
        this.engine = engine;
        Map<String, Operation> ops = new TreeMap<>();
        ops.put("CreateDeliveryStream", new CreateDeliveryStream(engine));
        ops.put("DeleteDeliveryStream", new DeleteDeliveryStream(engine));
        ops.put("DescribeDeliveryStream", new DescribeDeliveryStream(engine, model));
        ops.put("ListDeliveryStreams", new ListDeliveryStreams(engine));
        ops.put("ListTagsForDeliveryStream", new ListTagsForDeliveryStream(engine));
        ops.put("PutRecord", new PutRecord(engine));
        ops.put("PutRecordBatch", new PutRecordBatch(engine));
        ops.put("StartDeliveryStreamEncryption", new StartDeliveryStreamEncryption(engine));
        ops.put("StopDeliveryStreamEncryption", new StopDeliveryStreamEncryption(engine));
        ops.put("TagDeliveryStream", new TagDeliveryStream(engine));
        ops.put("UntagDeliveryStream", new UntagDeliveryStream(engine));
        ops.put("UpdateDestination", new UpdateDestination(engine));
        this.operations = Map.copyOf(ops);
    }

    /**
     * @param store    where every stream and every buffered record is written before it is acknowledged
     * @param clock    arrival times, buffering intervals, status transitions
     * @param kms      checks CUSTOMER_MANAGED_CMK keys of StartDeliveryStreamEncryption
     * @param sink     where delivered objects are written
     * @param http     outbound HTTP (HTTP endpoint destinations, the Lambda processor), behind the outbound rules
     * @param kinesis  the Kinesis streams KinesisStreamAsSource delivery streams read
     */
    public static FirehoseService create(Store store, Clock clock, FirehoseSettings settings, DataKeys kms,
                                         ObjectSink sink, OutboundHttp http, KinesisSource kinesis) {
        return new FirehoseService(new FirehoseEngine(store, clock, settings, kms, sink, http, kinesis));
    }

    public FirehoseEngine engine() {
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
        return FirehoseErrors.VALIDATION_ERRORS;
    }

    @Override
    public List<AccessCheck> accessChecks(String operation, Input input, RequestContext context) {
        return FirehoseAccess.checks(operation, input, context);
    }

    @Override
    public io.wharf.protocol.AwsException authenticationError(io.wharf.protocol.auth.AuthException failure,
                                                             String requestUrl) {
        return AuthErrors.forProtocol(model, failure);
    }

    @Override
    public Map<String, String> resourceTags(String resourceArn) {
        return engine.tagsOf(resourceArn);
    }

    @Override
    public void close() {
        engine.close();
    }
}
