package io.wharf.it.kinesis;

import io.wharf.testkit.Clients;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** {@link KinesisSuite} over CBOR ({@code application/x-amz-cbor-1.1}), the SDK's default for Kinesis. */
class KinesisCborIT extends KinesisSuite {
    @Override
    KinesisClient newClient() {
        return build(Clients.kinesisBuilder(WHARF.endpoint()));
    }

    @Override
    String contentType() {
        return "application/x-amz-cbor-1.1";
    }
}
