package io.wharf.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** UpdateTable: billing mode, throughput, global indexes (created CREATING then ACTIVE, filled from the items; deleted), stream, SSE, deletion protection, table class. */
public final class UpdateTable implements Operation {
    private final DynamoDbEngine engine;

    public UpdateTable(DynamoDbEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input in) {
        var throughput = in.struct("ProvisionedThroughput");
        var stream = in.struct("StreamSpecification");
        var sse = in.struct("SSESpecification");
        java.util.List<io.wharf.dynamodb.engine.NewTable.NewIndex> creates = new java.util.ArrayList<>();
        java.util.List<String> deletes = new java.util.ArrayList<>();
        java.util.Map<String, long[]> updates = new java.util.LinkedHashMap<>();
        for (Input u : in.structs("GlobalSecondaryIndexUpdates")) {
            int actions = (u.has("Create") ? 1 : 0) + (u.has("Delete") ? 1 : 0) + (u.has("Update") ? 1 : 0);
            if (actions != 1) {
                throw io.wharf.dynamodb.DynamoDbErrors.validation("One or more parameter values were invalid: One of "
                        + "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Update, or "
                        + "GlobalSecondaryIndexUpdate.Delete must be specified");
            }
            if (u.has("Create")) {
                creates.add(Wire.newIndex(u.struct("Create")));
            } else if (u.has("Delete")) {
                deletes.add(u.struct("Delete").string("IndexName"));
            } else {
                Input t = u.struct("Update").struct("ProvisionedThroughput");
                updates.put(u.struct("Update").string("IndexName"), new long[]{
                        t == null ? 0 : t.longValue("ReadCapacityUnits"), t == null ? 0 : t.longValue("WriteCapacityUnits")});
            }
        }
        var update = new DynamoDbEngine.TableUpdate(in.has("AttributeDefinitions") ? Wire.attributeDefinitions(in) : null,
                in.string("BillingMode"), throughput == null ? null : throughput.longValue("ReadCapacityUnits"),
                throughput == null ? null : throughput.longValue("WriteCapacityUnits"), creates, deletes, updates,
                stream == null ? null : stream.bool("StreamEnabled"), stream == null ? null : stream.string("StreamViewType"),
                sse == null ? null : sse.bool("Enabled"), sse == null ? null : sse.string("SSEType"),
                sse == null ? null : sse.string("KMSMasterKeyId"), in.bool("DeletionProtectionEnabled"),
                in.string("TableClass"));
        ObjectNode out = Wire.object();
        out.set("TableDescription", Wire.tableDescription(engine.update(ctx.accountId(), ctx.region(),
                in.string("TableName"), update)));
        return out;
    }
}
