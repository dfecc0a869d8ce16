package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListAccessKeys: the keys of the user named or of the caller, without their secrets. */
public final class ListAccessKeys implements Operation {
    private final IamEngine engine;

    public ListAccessKeys(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.page(Wire.empty(), "AccessKeyMetadata", engine.accessKeys().list(Wire.account(ctx),
                Wire.callerUserName(ctx, input.string("UserName")), input.string("Marker"), input.integer("MaxItems")),
                (list, k) -> {
                    ObjectNode item = list.addObject();
                    if (k.userName() != null) {
                        item.put("UserName", k.userName());
                    }
                    item.put("AccessKeyId", k.key().accessKeyId()).put("Status", k.key().status())
                            .put("CreateDate", k.key().created().toEpochMilli());
                });
    }
}
