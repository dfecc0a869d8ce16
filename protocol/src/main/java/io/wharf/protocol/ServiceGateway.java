package io.wharf.protocol;

import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;

import java.util.List;

/**
 * The {@link Gateway} over a set of services: routes each request to its service and protocol codec.
 * (Placeholder: routing and codecs land in the next commits.)
 */
public final class ServiceGateway implements Gateway {
    private final List<AwsService> services;
    private final GatewaySettings settings;

    public ServiceGateway(List<AwsService> services, GatewaySettings settings) {
        this.services = List.copyOf(services);
        this.settings = settings;
    }

    @Override
    public WireResponse handle(WireRequest request) {
        return WireResponse.text(501, "text/plain", "not yet routed: " + services.size() + " services, "
                + settings.region());
    }
}
