package io.wharf.mq.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.engine.EngineCatalog;
import io.wharf.mq.engine.MqEngine;
import io.wharf.mq.engine.MqViews;
import io.wharf.mq.engine.Pages;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;

/** DescribeBrokerEngineTypes: the engines and versions Wharf runs. */
public final class DescribeBrokerEngineTypes implements Operation {
    private final MqEngine engine;

    public DescribeBrokerEngineTypes(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        String filter = input.string("EngineType");
        List<String> types = new ArrayList<>();
        for (String type : EngineCatalog.ENGINE_TYPES) {
            if (filter == null || filter.equalsIgnoreCase(type)) {
                types.add(type);
            }
        }
        MqViews.Page<String> page = Pages.page(types, input.integer("MaxResults"), input.string("NextToken"));
        ObjectNode out = Outputs.object();
        ArrayNode list = out.putArray("BrokerEngineTypes");
        for (String type : page.items()) {
            ObjectNode engineType = list.addObject().put("EngineType", type);
            ArrayNode versions = engineType.putArray("EngineVersions");
            EngineCatalog.versions(type).forEach(v -> versions.addObject().put("Name", v));
        }
        out.put("MaxResults", Math.max(5, input.integer("MaxResults") == null ? Pages.DEFAULT_MAX
                : input.integer("MaxResults")));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }
}
