package io.wharf.firehose;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How Firehose makes its outbound HTTP calls — the HTTP endpoint destination and the Lambda processor mapped by
 * {@code --lambda-endpoint} — defined here, implemented by the server over its outbound rules
 * ({@code --delivery-allow}/{@code --delivery-deny}), so a caller of CreateDeliveryStream cannot make the server
 * connect where it may not. Redirects are not followed.
 */
@FunctionalInterface
public interface OutboundHttp {

    /** An answer: its status, body (at most what the implementation caps it to) and Content-Type. */
    record Response(int status, byte[] body, String contentType) {
    }

    /**
     * POSTs {@code body} with these headers.
     *
     * @throws DeliveryFailure when the URL is refused by the outbound rules, cannot be reached, or does not answer
     *                         within {@code timeout}
     */
    Response post(URI url, Map<String, String> headers, byte[] body, Duration timeout) throws DeliveryFailure;

    /** No outbound calls at all: every post fails as unreachable. */
    OutboundHttp NONE = (url, headers, body, timeout) -> {
        throw new DeliveryFailure("HttpEndpoint.DestinationException", "outbound HTTP is not configured");
    };
}
