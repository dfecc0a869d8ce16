package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.iam.engine.ManagedPolicies;

/** ListPolicies: AWS and/or the account's managed policies (Scope), optionally only attached ones. */
public final class ListPolicies implements Operation {
    private final IamEngine engine;

    public ListPolicies(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String scope = input.string("Scope");
        return Wire.page(Wire.empty(), "Policies", engine.managedPolicies().list(Wire.account(ctx),
                scope == null ? ManagedPolicies.Scope.ALL : ManagedPolicies.Scope.valueOf(scope.toUpperCase(
                        java.util.Locale.ROOT)), Boolean.TRUE.equals(input.bool("OnlyAttached")),
                input.string("PathPrefix"), input.string("Marker"), input.integer("MaxItems")),
                (list, p) -> Wire.policy(list.addObject(), p, false));
    }
}
