package io.wharf.kinesis;

import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.operations.AddTagsToStream;
import io.wharf.kinesis.operations.CreateStream;
import io.wharf.kinesis.operations.DecreaseStreamRetentionPeriod;
import io.wharf.kinesis.operations.DeleteResourcePolicy;
import io.wharf.kinesis.operations.DeleteStream;
import io.wharf.kinesis.operations.DeregisterStreamConsumer;
import io.wharf.kinesis.operations.DescribeAccountSettings;
import io.wharf.kinesis.operations.DescribeLimits;
import io.wharf.kinesis.operations.DescribeStream;
import io.wharf.kinesis.operations.DescribeStreamConsumer;
import io.wharf.kinesis.operations.DescribeStreamSummary;
import io.wharf.kinesis.operations.DisableEnhancedMonitoring;
import io.wharf.kinesis.operations.EnableEnhancedMonitoring;
import io.wharf.kinesis.operations.GetRecords;
import io.wharf.kinesis.operations.GetResourcePolicy;
import io.wharf.kinesis.operations.GetShardIterator;
import io.wharf.kinesis.operations.IncreaseStreamRetentionPeriod;
import io.wharf.kinesis.operations.ListShards;
import io.wharf.kinesis.operations.ListStreamConsumers;
import io.wharf.kinesis.operations.ListStreams;
import io.wharf.kinesis.operations.ListTagsForResource;
import io.wharf.kinesis.operations.ListTagsForStream;
import io.wharf.kinesis.operations.MergeShards;
import io.wharf.kinesis.operations.PutRecord;
import io.wharf.kinesis.operations.PutRecords;
import io.wharf.kinesis.operations.PutResourcePolicy;
import io.wharf.kinesis.operations.RegisterStreamConsumer;
import io.wharf.kinesis.operations.RemoveTagsFromStream;
import io.wharf.kinesis.operations.SplitShard;
import io.wharf.kinesis.operations.StartStreamEncryption;
import io.wharf.kinesis.operations.StopStreamEncryption;
import io.wharf.kinesis.operations.SubscribeToShard;
import io.wharf.kinesis.operations.TagResource;
import io.wharf.kinesis.operations.UntagResource;
import io.wharf.kinesis.operations.UpdateAccountSettings;
import io.wharf.kinesis.operations.UpdateMaxRecordSize;
import io.wharf.kinesis.operations.UpdateShardCount;
import io.wharf.kinesis.operations.UpdateStreamMode;
import io.wharf.kinesis.operations.UpdateStreamWarmThroughput;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.Operation;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.storage.Store;
import io.wharf.storage.crypto.MasterKey;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/** Amazon Kinesis Data Streams as an {@link AwsService}: the engine and one operation per action of the model. */
public final class KinesisService implements AwsService, AutoCloseable {
    private final ServiceModel model = ServiceModel.fromClasspath("models/kinesis");
    private final KinesisEngine engine;
    private final Map<String, Operation> operations;

    private KinesisService(KinesisEngine engine) {
        this.engine = engine;
        Map<String, Operation> ops = new TreeMap<>();
        ops.put("AddTagsToStream", new AddTagsToStream(engine));
        ops.put("CreateStream", new CreateStream(engine));
        ops.put("DecreaseStreamRetentionPeriod", new DecreaseStreamRetentionPeriod(engine));
        ops.put("DeleteResourcePolicy", new DeleteResourcePolicy(engine));
        ops.put("DeleteStream", new DeleteStream(engine));
        ops.put("DeregisterStreamConsumer", new DeregisterStreamConsumer(engine));
        ops.put("DescribeAccountSettings", new DescribeAccountSettings(engine));
        ops.put("DescribeLimits", new DescribeLimits(engine));
        ops.put("DescribeStream", new DescribeStream(engine));
        ops.put("DescribeStreamConsumer", new DescribeStreamConsumer(engine));
        ops.put("DescribeStreamSummary", new DescribeStreamSummary(engine));
        ops.put("DisableEnhancedMonitoring", new DisableEnhancedMonitoring(engine));
        ops.put("EnableEnhancedMonitoring", new EnableEnhancedMonitoring(engine));
        ops.put("GetRecords", new GetRecords(engine));
        ops.put("GetResourcePolicy", new GetResourcePolicy(engine));
        ops.put("GetShardIterator", new GetShardIterator(engine));
        ops.put("IncreaseStreamRetentionPeriod", new IncreaseStreamRetentionPeriod(engine));
        ops.put("ListShards", new ListShards(engine));
        ops.put("ListStreamConsumers", new ListStreamConsumers(engine));
        ops.put("ListStreams", new ListStreams(engine));
        ops.put("ListTagsForResource", new ListTagsForResource(engine));
        ops.put("ListTagsForStream", new ListTagsForStream(engine));
        ops.put("MergeShards", new MergeShards(engine));
        ops.put("PutRecord", new PutRecord(engine));
        ops.put("PutRecords", new PutRecords(engine));
        ops.put("PutResourcePolicy", new PutResourcePolicy(engine));
        ops.put("RegisterStreamConsumer", new RegisterStreamConsumer(engine));
        ops.put("RemoveTagsFromStream", new RemoveTagsFromStream(engine));
        ops.put("SplitShard", new SplitShard(engine));
        ops.put("StartStreamEncryption", new StartStreamEncryption(engine));
        ops.put("StopStreamEncryption", new StopStreamEncryption(engine));
        ops.put("SubscribeToShard", new SubscribeToShard(engine));
        ops.put("TagResource", new TagResource(engine));
        ops.put("UntagResource", new UntagResource(engine));
        ops.put("UpdateAccountSettings", new UpdateAccountSettings(engine));
        ops.put("UpdateMaxRecordSize", new UpdateMaxRecordSize(engine));
        ops.put("UpdateShardCount", new UpdateShardCount(engine));
        ops.put("UpdateStreamMode", new UpdateStreamMode(engine));
        ops.put("UpdateStreamWarmThroughput", new UpdateStreamWarmThroughput(engine));
        this.operations = Map.copyOf(ops);
    }

    /**
     * @param store    where every state change (and every record) is written before it is acknowledged
     * @param clock    the time source of arrival times, iterator expiry, retention and status transitions
     * @param settings delays and quotas
     * @param masterKey wraps the shard-iterator key in the store
     */
    public static KinesisService create(Store store, Clock clock, KinesisSettings settings, MasterKey masterKey) {
        return new KinesisService(new KinesisEngine(store, clock, settings, masterKey));
    }

    /** A service whose encrypted streams seal their records at rest under data keys from {@code kms}. */
    public static KinesisService create(Store store, Clock clock, KinesisSettings settings, MasterKey masterKey,
                                        io.wharf.protocol.crypto.DataKeys kms) {
        return new KinesisService(new KinesisEngine(store, clock, settings, masterKey, kms));
    }

    /** The engine behind the operations. */
    public KinesisEngine engine() {
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
        return KinesisErrors.VALIDATION_ERRORS;
    }

    @Override
    public java.util.List<io.wharf.protocol.auth.AccessCheck> accessChecks(String operation, io.wharf.protocol.Input input,
                                                                        io.wharf.protocol.RequestContext context) {
        return io.wharf.kinesis.operations.KinesisAccess.checks(operation, input, context, engine);
    }

    @Override
    public io.wharf.protocol.AwsException authenticationError(io.wharf.protocol.auth.AuthException failure,
                                                             String requestUrl) {
        return io.wharf.protocol.AuthErrors.kinesis(failure);
    }

    /** A stream's or consumer's resource policy; null when it has none or does not exist. */
    @Override
    public String resourcePolicy(String resourceArn) {
        try {
            return engine.policy(resourceArn);
        } catch (io.wharf.protocol.AwsException e) {
            return null;
        }
    }

    @Override
    public Map<String, String> resourceTags(String resourceArn) {
        try {
            return engine.tagsOf(resourceArn);
        } catch (io.wharf.protocol.AwsException e) {
            return Map.of();
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
