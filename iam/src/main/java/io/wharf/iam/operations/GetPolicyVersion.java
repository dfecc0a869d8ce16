package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.iam.engine.PolicyVersion;

/** GetPolicyVersion: one version with its document, URL-encoded as IAM sends it. */
public final class GetPolicyVersion implements Operation {
    private final IamEngine engine;

    public GetPolicyVersion(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        PolicyVersion version = engine.policyVersions().getVersion(Wire.account(ctx), input.string("PolicyArn"),
                input.string("VersionId"));
        return Wire.empty().set("PolicyVersion", Wire.empty().put("Document", Wire.urlEncoded(version.document()))
                .put("VersionId", version.versionId()).put("IsDefaultVersion", version.isDefault())
                .put("CreateDate", version.created().toEpochMilli()));
    }
}
