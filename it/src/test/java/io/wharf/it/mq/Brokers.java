package io.wharf.it.mq;

import software.amazon.awssdk.services.mq.MqClient;
import software.amazon.awssdk.services.mq.model.BadRequestException;
import software.amazon.awssdk.services.mq.model.BrokerState;
import software.amazon.awssdk.services.mq.model.CreateBrokerRequest;
import software.amazon.awssdk.services.mq.model.CreateBrokerResponse;
import software.amazon.awssdk.services.mq.model.DescribeBrokerResponse;
import software.amazon.awssdk.services.mq.model.NotFoundException;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assumptions.abort;

/** Creating brokers and waiting for their states, for the suites that need a broker runtime. */
final class Brokers {
    /** A broker reaches RUNNING in seconds; this bounds a wait that would otherwise hang a broken build. */
    static final int WAIT_SECONDS = 120;

    private Brokers() {
    }

    /**
     * CreateBroker for a single-instance ActiveMQ broker with one user; aborts the test (skipped, not failed) when this
     * Wharf was built without the ActiveMQ runtime — the API then answers "has no ACTIVEMQ runtime".
     */
    static CreateBrokerResponse create(MqClient mq, String name, Consumer<CreateBrokerRequest.Builder> more) {
        try {
            return mq.createBroker(r -> {
                r.brokerName(name).engineType("ACTIVEMQ").engineVersion("5.18").hostInstanceType("mq.t3.micro")
                        .deploymentMode("SINGLE_INSTANCE").publiclyAccessible(false)
                        .users(u -> u.username("app").password(MqTestBase.PASSWORD).consoleAccess(true)
                                .groups("writers"));
                more.accept(r);
            });
        } catch (BadRequestException e) {
            if (e.getMessage().contains("has no ACTIVEMQ runtime")) {
                abort("this Wharf has no ActiveMQ runtime yet: " + e.getMessage());
            }
            throw e;
        }
    }

    static DescribeBrokerResponse await(MqClient mq, String brokerId, BrokerState state) throws InterruptedException {
        DescribeBrokerResponse last = null;
        for (int i = 0; i < WAIT_SECONDS * 10; i++) {
            last = mq.describeBroker(r -> r.brokerId(brokerId));
            if (last.brokerState() == state) {
                return last;
            }
            if (last.brokerState() == BrokerState.CREATION_FAILED && state != BrokerState.CREATION_FAILED) {
                throw new AssertionError("broker " + brokerId + " failed: " + last.actionsRequired());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("broker " + brokerId + " is " + last.brokerState() + ", never " + state);
    }

    static void awaitGone(MqClient mq, String brokerId) throws InterruptedException {
        for (int i = 0; i < WAIT_SECONDS * 10; i++) {
            try {
                mq.describeBroker(r -> r.brokerId(brokerId));
            } catch (NotFoundException gone) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("broker " + brokerId + " was never deleted");
    }
}
