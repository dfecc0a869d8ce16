package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** SetDefaultPolicyVersion: the version evaluation uses from now on. */
public final class SetDefaultPolicyVersion implements Operation {
    private final IamEngine engine;

    public SetDefaultPolicyVersion(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        engine.policyVersions().setDefaultVersion(Wire.account(ctx), input.string("PolicyArn"),
                input.string("VersionId"));
        return null;
    }
}
