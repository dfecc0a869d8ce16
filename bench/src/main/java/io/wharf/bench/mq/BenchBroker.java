package io.wharf.bench.mq;

import io.wharf.bench.sqs.SqsClients;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.mq.MqAsyncClient;
import software.amazon.awssdk.services.mq.model.BrokerInstance;
import software.amazon.awssdk.services.mq.model.BrokerState;
import software.amazon.awssdk.services.mq.model.DeploymentMode;
import software.amazon.awssdk.services.mq.model.DescribeBrokerResponse;
import software.amazon.awssdk.services.mq.model.EngineType;
import software.amazon.awssdk.services.mq.model.NotFoundException;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * A broker created for a compare through the Amazon MQ API of a Wharf, as an application would on AWS: CreateBroker
 * (ActiveMQ, single instance, mq.m5.large, not publicly accessible, one user), DescribeBroker until RUNNING, its
 * OpenWire endpoint ({@code tcp://} or {@code ssl://}) from {@code BrokerInstances[0].Endpoints}; closing deletes it and
 * waits until it is gone. The engine version is left to the API (its default).
 */
public final class BenchBroker implements AutoCloseable {
    /** A broker starts in seconds; this bounds a wait that would otherwise hang a compare. */
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 200;

    private final MqAsyncClient mq;
    private final String brokerId;
    private final URI openWire;

    private BenchBroker(MqAsyncClient mq, String brokerId, URI openWire) {
        this.mq = mq;
        this.brokerId = brokerId;
        this.openWire = openWire;
    }

    /** Creates the broker through the MQ API at {@code endpoint} and returns once it runs. */
    public static BenchBroker create(URI endpoint, String name, BrokerSettings user) throws InterruptedException {
        MqAsyncClient mq = SqsClients.configure(MqAsyncClient.builder(), endpoint, 4).build();
        String brokerId = null;
        try {
            brokerId = mq.createBroker(r -> r.brokerName(name).engineType(EngineType.ACTIVEMQ)
                    .deploymentMode(DeploymentMode.SINGLE_INSTANCE).hostInstanceType("mq.m5.large")
                    .publiclyAccessible(false)
                    .users(u -> u.username(user.username()).password(user.password())))
                    .join().brokerId();
            DescribeBrokerResponse running = awaitRunning(mq, brokerId);
            return new BenchBroker(mq, brokerId, openWireEndpoint(running.brokerInstances()));
        } catch (RuntimeException | InterruptedException e) {
            if (brokerId != null) {
                delete(mq, brokerId);
            }
            mq.close();
            if (e instanceof CompletionException && e.getCause() instanceof SdkException sdk) {
                throw new IllegalStateException("creating an ActiveMQ broker through the MQ API at " + endpoint
                        + " failed: " + sdk.getMessage(), sdk);
            }
            throw e;
        }
    }

    /** The broker's OpenWire endpoint, as DescribeBroker listed it. */
    public URI openWire() {
        return openWire;
    }

    public String brokerId() {
        return brokerId;
    }

    /**
     * The OpenWire endpoint among an instance's endpoints: {@code ssl://} on AWS, {@code tcp://} where a broker runs
     * without TLS. The others (amqp+ssl, stomp+ssl, mqtt+ssl, wss) are other protocols.
     */
    static URI openWireEndpoint(List<BrokerInstance> instances) {
        if (instances == null || instances.isEmpty()) {
            throw new IllegalStateException("the broker is RUNNING but lists no instance");
        }
        for (String endpoint : instances.getFirst().endpoints()) {
            if (endpoint.startsWith("ssl://") || endpoint.startsWith("tcp://")) {
                return URI.create(endpoint);
            }
        }
        throw new IllegalStateException("the broker lists no OpenWire endpoint (ssl:// or tcp://) among "
                + instances.getFirst().endpoints());
    }

    private static DescribeBrokerResponse awaitRunning(MqAsyncClient mq, String brokerId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        DescribeBrokerResponse last;
        do {
            last = mq.describeBroker(r -> r.brokerId(brokerId)).join();
            if (last.brokerState() == BrokerState.RUNNING) {
                return last;
            }
            if (last.brokerState() == BrokerState.CREATION_FAILED) {
                throw new IllegalStateException("broker " + brokerId + " failed to start: " + last.actionsRequired());
            }
            Thread.sleep(POLL_MILLIS);
        } while (System.nanoTime() - deadline < 0);
        throw new IllegalStateException("broker " + brokerId + " is still " + last.brokerState() + " after " + WAIT);
    }

    /** Deletes the broker and waits (bounded) until DescribeBroker no longer finds it. */
    @Override
    public void close() {
        try {
            delete(mq, brokerId);
        } finally {
            mq.close();
        }
    }

    private static void delete(MqAsyncClient mq, String brokerId) {
        try {
            mq.deleteBroker(r -> r.brokerId(brokerId)).join();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() - deadline < 0) {
                mq.describeBroker(r -> r.brokerId(brokerId)).join();
                Thread.sleep(POLL_MILLIS);
            }
            System.err.println("wharf-bench: broker " + brokerId + " still exists " + WAIT + " after DeleteBroker");
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof NotFoundException)) {
                System.err.println("wharf-bench: could not delete broker " + brokerId + ": " + e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
