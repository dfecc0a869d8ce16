/**
 * Amazon Kinesis Data Streams as an {@link io.wharf.protocol.AwsService}: {@link io.wharf.kinesis.KinesisService}
 * wires the engine to one operation per action of the model; {@link io.wharf.kinesis.KinesisErrors} is the
 * whole error table.
 */
package io.wharf.kinesis;
