package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** DeletePolicyVersion: any version but the default. */
public final class DeletePolicyVersion implements Operation {
    private final IamEngine engine;

    public DeletePolicyVersion(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.policyVersions().deleteVersion(Wire.account(ctx), input.string("PolicyArn"), input.string("VersionId"));
        return null;
    }
}
