/**
 * The JSON-RPC family of AWS wire formats: AWS JSON 1.0/1.1 and its binary twin CBOR
 * ({@code application/x-amz-cbor-1.1}, the AWS SDK for Java's default for Kinesis). Both carry the same
 * trees; they differ only in how blobs (base64 text vs byte strings) and timestamps (epoch seconds vs
 * tagged epoch milliseconds) look on the wire.
 */
package io.wharf.protocol.json;
