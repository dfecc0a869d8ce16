package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/**
 * GetUser: the user named, or without a name the caller — for an account's root user AWS answers a "user" with the
 * account id as UserId, the root ARN and the account's creation date, and no name or path.
 */
public final class GetUser implements Operation {
    private final IamEngine engine;

    public GetUser(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String account = Wire.account(ctx);
        String name = Wire.callerUserName(ctx, input.string("UserName"));
        if (name == null) {
            return Wire.empty().set("User", Wire.empty().put("UserId", account).put("Arn", ctx.principal().arn())
                    .put("CreateDate", engine.accountCreated(account).toEpochMilli()));
        }
        return Wire.empty().set("User", Wire.userWithTags(Wire.empty(), engine.users().get(account, name)));
    }
}
