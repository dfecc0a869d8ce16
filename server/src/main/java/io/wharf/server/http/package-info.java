/**
 * The front door: Netty accepts HTTP/1.1 connections, aggregates each request (bounded), turns it into a
 * {@link io.wharf.protocol.wire.WireRequest} and hands it to a virtual thread that calls the
 * {@link io.wharf.protocol.Gateway}. Event loops only do I/O. The pipeline is built in one place
 * ({@link io.wharf.server.http.HttpPipeline}) so h2c can join it later.
 */
package io.wharf.server.http;
