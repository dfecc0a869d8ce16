package io.wharf.iam.sts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.iam.engine.Sessions;
import io.wharf.iam.engine.Tag;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.ArrayList;
import java.util.List;

/**
 * AssumeRole: temporary credentials of a role session, narrowed by an optional session policy and carrying optional
 * session tags. Whether the caller may assume the role (its trust policy) is the gateway's access check.
 */
public final class AssumeRole implements Operation {
    private final IamEngine engine;

    public AssumeRole(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        List<Tag> tags = new ArrayList<>();
        input.structs("Tags").forEach(t -> tags.add(new Tag(t.string("Key"), t.string("Value"))));
        Sessions.AssumedRole session = engine.sessions().assumeRole(ctx.principal(), input.string("RoleArn"),
                input.string("RoleSessionName"), input.integer("DurationSeconds"), input.string("Policy"), tags,
                input.strings("TransitiveTagKeys"));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("Credentials", Credentials.of(session.credentials()));
        out.putObject("AssumedRoleUser").put("AssumedRoleId", session.assumedRoleId()).put("Arn", session.arn());
        if (session.packedPolicySize() != null) {
            out.put("PackedPolicySize", session.packedPolicySize());
        }
        return out;
    }
}
