package io.wharf.iam.sts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.Principal;

/** GetCallerIdentity: who signed the request — UserId, Account and Arn of the principal. Needs no permission. */
public final class GetCallerIdentity implements Operation {
    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        Principal caller = ctx.principal();
        return JsonNodeFactory.instance.objectNode().put("UserId", caller.userId())
                .put("Account", caller.accountId() != null ? caller.accountId() : ctx.accountId())
                .put("Arn", caller.arn());
    }
}
