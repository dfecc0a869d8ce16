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

/** DescribeBrokerInstanceOptions: instance types, storage types and deployment modes per engine, filtered as asked. */
public final class DescribeBrokerInstanceOptions implements Operation {
    private final MqEngine engine;

    public DescribeBrokerInstanceOptions(MqEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext context, Input input) {
        String engineType = input.string("EngineType");
        String hostInstanceType = input.string("HostInstanceType");
        String storageType = input.string("StorageType");
        List<EngineCatalog.InstanceOption> options = new ArrayList<>();
        for (EngineCatalog.InstanceOption option : EngineCatalog.instanceOptions()) {
            if ((engineType == null || engineType.equalsIgnoreCase(option.engineType()))
                    && (hostInstanceType == null || hostInstanceType.equals(option.hostInstanceType()))
                    && (storageType == null || storageType.equalsIgnoreCase(option.storageType()))) {
                options.add(option);
            }
        }
        MqViews.Page<EngineCatalog.InstanceOption> page = Pages.page(options, input.integer("MaxResults"),
                input.string("NextToken"));
        ObjectNode out = Outputs.object();
        ArrayNode list = out.putArray("BrokerInstanceOptions");
        for (EngineCatalog.InstanceOption option : page.items()) {
            ObjectNode o = list.addObject();
            ArrayNode zones = o.putArray("AvailabilityZones");
            for (String zone : new String[] {"a", "b", "c"}) {
                zones.addObject().put("Name", context.region() + zone);
            }
            o.put("EngineType", option.engineType()).put("HostInstanceType", option.hostInstanceType())
                    .put("StorageType", option.storageType());
            Outputs.strings(o, "SupportedDeploymentModes", option.deploymentModes());
            Outputs.strings(o, "SupportedEngineVersions", option.engineVersions());
        }
        out.put("MaxResults", Math.max(5, input.integer("MaxResults") == null ? Pages.DEFAULT_MAX
                : input.integer("MaxResults")));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }
}
