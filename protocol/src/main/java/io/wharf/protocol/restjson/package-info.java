/**
 * The REST-JSON protocol (Amazon MQ; later Kinesis Video Streams): {@link io.wharf.protocol.restjson.RestJson} says
 * which requests are REST-JSON (a credential scope naming such a service) and routes them with
 * {@link io.wharf.protocol.rest.RestRouter}; {@link io.wharf.protocol.restjson.RestJsonDecoder} reads labels, query,
 * headers and the JSON body (keys by {@code locationName}) into the parameter tree every codec makes;
 * {@link io.wharf.protocol.restjson.RestJsonEncoder} writes the output as status, headers and JSON, and errors with
 * {@code x-amzn-ErrorType}.
 */
package io.wharf.protocol.restjson;
