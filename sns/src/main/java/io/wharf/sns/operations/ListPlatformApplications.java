package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** ListPlatformApplications: the stored applications. */
public final class ListPlatformApplications implements Operation {
    private final SnsEngine engine;

    public ListPlatformApplications(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        return Wire.entities(engine.platform().listPlatformApplications(input.string("NextToken")),
                "PlatformApplications", "PlatformApplicationArn");
    }
}
