package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.EntityKind;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.Map;

/**
 * The attachment family: Attach/Detach{User,Group,Role}Policy and ListAttached{User,Group,Role}Policies, the same three
 * actions on three kinds of entity.
 */
public final class AttachedPolicyOperations {
    private AttachedPolicyOperations() {
    }

    /** The nine actions, by name. */
    public static Map<String, Operation> all(IamEngine engine) {
        Map<String, Operation> ops = new java.util.TreeMap<>();
        for (EntityKind kind : EntityKind.values()) {
            ops.put("Attach" + kind.title() + "Policy", new Attach(engine, kind));
            ops.put("Detach" + kind.title() + "Policy", new Detach(engine, kind));
            ops.put("ListAttached" + kind.title() + "Policies", new ListAttached(engine, kind));
        }
        return ops;
    }

    /** Attach{User,Group,Role}Policy: a customer or AWS managed policy; attaching again changes nothing. */
    record Attach(IamEngine engine, EntityKind kind) implements Operation {
        @Override
        public ObjectNode invoke(RequestContext ctx, Input input) {
            engine.attachments().attach(Wire.account(ctx), kind, InlinePolicyOperations.entityName(input, kind),
                    input.string("PolicyArn"));
            return null;
        }
    }

    /** Detach{User,Group,Role}Policy. */
    record Detach(IamEngine engine, EntityKind kind) implements Operation {
        @Override
        public ObjectNode invoke(RequestContext ctx, Input input) {
            engine.attachments().detach(Wire.account(ctx), kind, InlinePolicyOperations.entityName(input, kind),
                    input.string("PolicyArn"));
            return null;
        }
    }

    /** ListAttached{User,Group,Role}Policies: name and ARN of each, in attachment order. */
    record ListAttached(IamEngine engine, EntityKind kind) implements Operation {
        @Override
        public ObjectNode invoke(RequestContext ctx, Input input) {
            return Wire.page(Wire.empty(), "AttachedPolicies", engine.attachments().list(Wire.account(ctx), kind,
                    InlinePolicyOperations.entityName(input, kind), input.string("PathPrefix"),
                    input.string("Marker"), input.integer("MaxItems")),
                    (list, p) -> list.addObject().put("PolicyName", p.policyName()).put("PolicyArn", p.policyArn()));
        }
    }
}
