package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.EntityKind;
import io.wharf.iam.engine.IamEngine;
import io.wharf.iam.engine.InlinePolicies;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

import java.util.Map;

/**
 * The inline-policy family: Put/Get/List/Delete{User,Group,Role}Policy are the same four actions on three kinds of
 * entity, told apart by the member that names the entity ({@code UserName}, {@code GroupName}, {@code RoleName}).
 */
public final class InlinePolicyOperations {
    private InlinePolicyOperations() {
    }

    /** The twelve actions, by name. */
    public static Map<String, Operation> all(IamEngine engine) {
        Map<String, Operation> ops = new java.util.TreeMap<>();
        for (EntityKind kind : EntityKind.values()) {
            ops.put("Put" + kind.title() + "Policy", new Put(engine, kind));
            ops.put("Get" + kind.title() + "Policy", new Get(engine, kind));
            ops.put("List" + kind.title() + "Policies", new ListNames(engine, kind));
            ops.put("Delete" + kind.title() + "Policy", new Delete(engine, kind));
        }
        return ops;
    }

    static String entityName(Input input, EntityKind kind) {
        return input.string(kind.title() + "Name");
    }

    /** Put{User,Group,Role}Policy: adds or replaces an inline policy, its document validated and sized. */
    record Put(IamEngine engine, EntityKind kind) implements Operation {
        @Override
        public ObjectNode invoke(RequestContext ctx, Input input) {
            engine.inlinePolicies().put(Wire.account(ctx), kind, entityName(input, kind), input.string("PolicyName"),
                    input.string("PolicyDocument"));
            return null;
        }
    }

    /** Get{User,Group,Role}Policy: the document as given, URL-encoded as IAM sends it. */
    record Get(IamEngine engine, EntityKind kind) implements Operation {
        @Override
        public ObjectNode invoke(RequestContext ctx, Input input) {
            InlinePolicies.InlinePolicy policy = engine.inlinePolicies().get(Wire.account(ctx), kind,
                    entityName(input, kind), input.string("PolicyName"));
            return Wire.empty().put(kind.title() + "Name", policy.entityName()).put("PolicyName", policy.policyName())
                    .put("PolicyDocument", Wire.urlEncoded(policy.document()));
        }
    }

    /** List{User,Group,Role}Policies: the inline policies' names in name order. */
    record ListNames(IamEngine engine, EntityKind kind) implements Operation {
        @Override
        public ObjectNode invoke(RequestContext ctx, Input input) {
            return Wire.page(Wire.empty(), "PolicyNames", engine.inlinePolicies().list(Wire.account(ctx), kind,
                    entityName(input, kind), input.string("Marker"), input.integer("MaxItems")),
                    (list, name) -> list.add(name));
        }
    }

    /** Delete{User,Group,Role}Policy. */
    record Delete(IamEngine engine, EntityKind kind) implements Operation {
        @Override
        public ObjectNode invoke(RequestContext ctx, Input input) {
            engine.inlinePolicies().delete(Wire.account(ctx), kind, entityName(input, kind),
                    input.string("PolicyName"));
            return null;
        }
    }
}
