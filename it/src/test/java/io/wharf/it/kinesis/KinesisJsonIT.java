package io.wharf.it.kinesis;

import io.wharf.testkit.Clients;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** {@link KinesisSuite} over AWS JSON 1.1: the SDK with CBOR turned off ({@code aws.cborEnabled=false}). */
class KinesisJsonIT extends KinesisSuite {
    @Override
    KinesisClient newClient() {
        return Clients.withCborDisabled(() -> build(Clients.kinesisBuilder(WHARF.endpoint())));
    }

    @Override
    String contentType() {
        return "application/x-amz-json-1.1";
    }
}
