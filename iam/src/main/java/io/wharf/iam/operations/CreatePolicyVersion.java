package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.iam.engine.PolicyVersion;

/** CreatePolicyVersion: the next version (at most five), optionally made the default. */
public final class CreatePolicyVersion implements Operation {
    private final IamEngine engine;

    public CreatePolicyVersion(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        PolicyVersion version = engine.policyVersions().createVersion(Wire.account(ctx), input.string("PolicyArn"),
                input.string("PolicyDocument"), Boolean.TRUE.equals(input.bool("SetAsDefault")));
        return Wire.empty().set("PolicyVersion", Wire.empty().put("VersionId", version.versionId())
                .put("IsDefaultVersion", version.isDefault()).put("CreateDate", version.created().toEpochMilli()));
    }
}
