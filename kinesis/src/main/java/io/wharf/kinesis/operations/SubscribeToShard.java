package io.wharf.kinesis.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kinesis.KinesisErrors;
import io.wharf.kinesis.engine.ConsumerView;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** SubscribeToShard: enhanced fan-out streams AWS event-stream frames over HTTP/2, which this version does not serve yet; the consumer and shard are checked, then the call is refused with a clear error. */
public final class SubscribeToShard implements Operation {
    private final KinesisEngine engine;

    public SubscribeToShard(KinesisEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        ConsumerView c = engine.describeConsumer(null, null, input.string("ConsumerARN"));
        throw KinesisErrors.NOT_IMPLEMENTED.error("SubscribeToShard (enhanced fan-out event streams) is not supported "
                + "by this Wharf version yet; consumer " + c.name() + " can read shard " + input.string("ShardId")
                + " with GetShardIterator and GetRecords.");
    }
}
