package io.wharf.sns.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.sns.engine.SnsEngine;

/** GetSMSAttributes: what SetSMSAttributes stored (nothing by default). */
public final class GetSMSAttributes implements Operation {
    private final SnsEngine engine;

    public GetSMSAttributes(SnsEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        ObjectNode out = Wire.empty();
        ObjectNode map = out.putObject("attributes");
        engine.platform().smsAttributes(input.strings("attributes")).forEach(map::put);
        return out;
    }
}
