package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.iam.IamErrors;
import io.wharf.iam.engine.AccessKeys;

/** GetAccessKeyLastUsed: Wharf does not record use, so it answers as AWS does for a key never used. */
public final class GetAccessKeyLastUsed implements Operation {
    private final IamEngine engine;

    public GetAccessKeyLastUsed(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String keyId = input.string("AccessKeyId");
        AccessKeys.OwnedKey key = engine.accessKeys().find(keyId);
        if (key == null || !key.key().accountId().equals(Wire.account(ctx))) {
            throw IamErrors.ACCESS_DENIED.error("User: " + ctx.principal().arn() + " is not authorized to perform "
                    + "iam:GetAccessKeyLastUsed on resource: access key " + keyId);
        }
        ObjectNode out = Wire.empty();
        if (key.userName() != null) {
            out.put("UserName", key.userName());
        }
        out.putObject("AccessKeyLastUsed").put("ServiceName", "N/A").put("Region", "N/A");
        return out;
    }
}
