package io.wharf.bench.kinesis;

import io.wharf.bench.sqs.SqsClients;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import java.net.URI;
import java.util.function.Supplier;

/**
 * The Kinesis client of every scenario: the SDK v2 async client with the settings of the SQS scenarios
 * (Netty, keep-alive, static credentials, us-east-1, retries off), over HTTP/1.1 unless asked otherwise
 * (kinesalite has no HTTP/2; the SDK would otherwise speak h2c to an {@code http://} endpoint), on the
 * chosen wire. The SDK has no per-client switch for CBOR: it reads the system property
 * {@code aws.cborEnabled} while {@code build()} runs, so building is serialised and the property is put
 * back afterwards.
 */
public final class KinesisClients {
    private KinesisClients() {
    }

    public static KinesisAsyncClient create(URI endpoint, int callers, KinesisWire wire) {
        return create(endpoint, callers, wire, Protocol.HTTP1_1);
    }

    public static KinesisAsyncClient create(URI endpoint, int callers, KinesisWire wire, Protocol protocol) {
        return buildOn(wire, () -> SqsClients.configure(KinesisAsyncClient.builder(), endpoint, callers, protocol).build());
    }

    /** Runs {@code build} (which builds a Kinesis client some other way, e.g. the KCL's) with {@code wire} chosen. */
    public static KinesisAsyncClient buildOn(KinesisWire wire, Supplier<KinesisAsyncClient> build) {
        synchronized (KinesisClients.class) {
            String property = SdkSystemSetting.CBOR_ENABLED.property();
            String previous = System.getProperty(property);
            System.setProperty(property, Boolean.toString(wire == KinesisWire.CBOR));
            try {
                return build.get();
            } finally {
                if (previous == null) {
                    System.clearProperty(property);
                } else {
                    System.setProperty(property, previous);
                }
            }
        }
    }
}
