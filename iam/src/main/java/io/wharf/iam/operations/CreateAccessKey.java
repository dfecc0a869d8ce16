package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.iam.engine.AccessKeys;

/** CreateAccessKey: a key for the user named, or for the caller (a root caller gets a root key). */
public final class CreateAccessKey implements Operation {
    private final IamEngine engine;

    public CreateAccessKey(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        AccessKeys.OwnedKey made = engine.accessKeys().create(Wire.account(ctx),
                Wire.callerUserName(ctx, input.string("UserName")));
        ObjectNode key = Wire.empty();
        if (made.userName() != null) {
            key.put("UserName", made.userName());
        }
        key.put("AccessKeyId", made.key().accessKeyId()).put("Status", made.key().status())
                .put("SecretAccessKey", made.key().secretAccessKey())
                .put("CreateDate", made.key().created().toEpochMilli());
        return Wire.empty().set("AccessKey", key);
    }
}
