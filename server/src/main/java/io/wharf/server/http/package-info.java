/**
 * The front door: Netty accepts HTTP/1.1 connections, aggregates each request (bounded), turns it into a
 * {@link io.wharf.protocol.wire.WireRequest} and hands it to a virtual thread that calls the
 * {@link io.wharf.protocol.Gateway}. Event loops only do I/O. The pipeline is built in one place
 * ({@link io.wharf.server.http.HttpPipeline}), HTTP/2 and TLS included. What a client may cost is bounded by
 * {@link io.wharf.server.http.ConnectionLimits}: per-connection deadlines, a connection cap, a budget of request body
 * bytes in flight and HTTP/2 stream limits (docs/operations.md, "Connections and request limits").
 */
package io.wharf.server.http;
