package io.wharf.kms.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.kms.engine.KmsAlias;
import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListAliases: the account's aliases in the region (only KeyId's when given), AWS managed ones included. */
public final class ListAliases implements Operation {
    private final KmsEngine engine;

    public ListAliases(KmsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        KmsEngine.Page<KmsAlias> page = engine.listAliases(ctx.accountId(), ctx.region(), input.string("KeyId"),
                Wire.limit(input), input.string("Marker"));
        ObjectNode out = Wire.object();
        ArrayNode aliases = out.putArray("Aliases");
        for (KmsAlias alias : page.items()) {
            ObjectNode entry = aliases.addObject().put("AliasName", alias.name()).put("AliasArn", alias.arn());
            if (alias.targetKeyId() != null) {
                entry.put("TargetKeyId", alias.targetKeyId());
            }
            if (alias.created() != null) {
                entry.put("CreationDate", alias.created().toEpochMilli())
                        .put("LastUpdatedDate", alias.updated().toEpochMilli());
            }
        }
        Wire.paging(out, page.nextMarker());
        return out;
    }
}
