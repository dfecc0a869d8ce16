/**
 * The REST-XML protocol (S3): {@link io.wharf.protocol.rest.RestRouter} picks the operation by method and URI
 * template, {@link io.wharf.protocol.restxml.RestXmlDecoder} reads labels, query, headers and the payload into the same
 * parameter tree the other codecs make, {@link io.wharf.protocol.restxml.RestXmlEncoder} writes the output back as
 * headers, status and payload, {@link io.wharf.protocol.restxml.RestXmlErrors} renders S3's {@code <Error>} documents.
 * {@link io.wharf.protocol.restxml.AwsChunkedInputStream} undoes {@code aws-chunked} framing and checks chunk signatures.
 * {@link io.wharf.protocol.restxml.VirtualHosts} says which requests are for a bucket by their Host header.
 */
package io.wharf.protocol.restxml;
