package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/** ListPolicyVersions: newest first, without documents. */
public final class ListPolicyVersions implements Operation {
    private final IamEngine engine;

    public ListPolicyVersions(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.page(Wire.empty(), "Versions", engine.policyVersions().listVersions(Wire.account(ctx),
                input.string("PolicyArn"), input.string("Marker"), input.integer("MaxItems")),
                (list, v) -> list.addObject().put("VersionId", v.versionId()).put("IsDefaultVersion", v.isDefault())
                        .put("CreateDate", v.created().toEpochMilli()));
    }
}
