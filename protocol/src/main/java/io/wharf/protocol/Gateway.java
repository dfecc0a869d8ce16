package io.wharf.protocol;

import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;

/**
 * The whole AWS side of the server behind one call: identify the service and operation of an HTTP request,
 * decode, validate, invoke, encode. Never throws; every failure becomes an AWS error response.
 * Blocking is allowed (callers run it on a virtual thread); long polls park inside.
 */
@FunctionalInterface
public interface Gateway {
    WireResponse handle(WireRequest request);
}
