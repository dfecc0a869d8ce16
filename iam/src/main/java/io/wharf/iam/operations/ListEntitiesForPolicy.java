package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.iam.engine.Attachments;
import io.wharf.iam.engine.EntityKind;
import io.wharf.iam.engine.Page;

/** ListEntitiesForPolicy: the users, groups and roles of the account a policy is attached to. */
public final class ListEntitiesForPolicy implements Operation {
    private final IamEngine engine;

    public ListEntitiesForPolicy(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String filter = input.string("EntityFilter");
        EntityKind only = filter == null || filter.endsWith("ManagedPolicy") ? null
                : EntityKind.valueOf(filter.toUpperCase(java.util.Locale.ROOT));
        Page<Attachments.AttachedEntity> page = engine.attachments().entities(Wire.account(ctx),
                input.string("PolicyArn"), only, input.string("PathPrefix"), input.string("Marker"),
                input.integer("MaxItems"));
        ObjectNode out = Wire.empty();
        com.fasterxml.jackson.databind.node.ArrayNode groups = out.putArray("PolicyGroups");
        com.fasterxml.jackson.databind.node.ArrayNode users = out.putArray("PolicyUsers");
        com.fasterxml.jackson.databind.node.ArrayNode roles = out.putArray("PolicyRoles");
        for (Attachments.AttachedEntity e : page.items()) {
            switch (e.kind()) {
                case USER -> users.addObject().put("UserName", e.name()).put("UserId", e.id());
                case GROUP -> groups.addObject().put("GroupName", e.name()).put("GroupId", e.id());
                case ROLE -> roles.addObject().put("RoleName", e.name()).put("RoleId", e.id());
            }
        }
        out.put("IsTruncated", page.truncated());
        if (page.truncated()) {
            out.put("Marker", page.marker());
        }
        return out;
    }
}
