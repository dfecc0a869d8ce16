package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** CreateTable: key schema, attribute definitions, indexes, billing, stream, SSE, tags, deletion protection; answered CREATING. */
public final class CreateTable implements Operation {
    private final DynamoDbEngine engine;

    public CreateTable(DynamoDbEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        var sse = in.struct("SSESpecification");
        var stream = in.struct("StreamSpecification");
        var throughput = in.struct("ProvisionedThroughput");
        var request = new io.wharf.dynamodb.engine.NewTable(in.string("TableName"), Wire.keyElements(in, "KeySchema"),
                Wire.attributeDefinitions(in), in.structs("GlobalSecondaryIndexes").stream().map(Wire::newIndex).toList(),
                in.structs("LocalSecondaryIndexes").stream().map(Wire::newIndex).toList(), in.string("BillingMode"),
                throughput == null ? null : throughput.longValue("ReadCapacityUnits"),
                throughput == null ? null : throughput.longValue("WriteCapacityUnits"),
                stream == null ? null : stream.bool("StreamEnabled"), stream == null ? null : stream.string("StreamViewType"),
                sse == null ? null : sse.bool("Enabled"), sse == null ? null : sse.string("SSEType"),
                sse == null ? null : sse.string("KMSMasterKeyId"), Wire.tags(in),
                Boolean.TRUE.equals(in.bool("DeletionProtectionEnabled")), in.string("TableClass"));
        ObjectNode out = Wire.object();
        out.set("TableDescription", Wire.tableDescription(engine.create(ctx.accountId(), ctx.region(), request)));
        return out;
    }
}
