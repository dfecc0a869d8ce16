package io.wharf.mq;

import io.wharf.mq.broker.BrokerRuntime;
import io.wharf.mq.engine.MqEngine;
import io.wharf.mq.engine.MqHosting;
import io.wharf.storage.Store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * What the server takes from this module: the MQ API for the gateway, over an engine whose brokers run through the
 * given runtimes (one per engine type).
 * <pre>
 * MqModule mq = MqModule.create(store, clock, runtimes, hosting);   // hosting: &lt;data dir&gt;/mq, Wharf's host, TLS
 * gateway services: …, mq.service()
 * on stop: mq.close();                                             // stops every broker
 * </pre>
 */
public final class MqModule implements AutoCloseable {
    private final MqEngine engine;
    private final MqService service;
    private final Path temporary;

    private MqModule(MqEngine engine, Path temporary) {
        this.engine = engine;
        this.service = new MqService(engine);
        this.temporary = temporary;
    }

    /**
     * Opens MQ on {@code store} and starts again, in the background, the brokers that were running.
     *
     * @param hosting where brokers keep their data and listen; a null {@code brokersDirectory} (Wharf
     *                {@code --in-memory}) makes a temporary directory, deleted on {@link #close()}
     */
    public static MqModule create(Store store, Clock clock, List<BrokerRuntime> runtimes, MqHosting hosting) {
        Path temporary = null;
        MqHosting effective = hosting;
        if (hosting.brokersDirectory() == null) {
            try {
                temporary = io.wharf.storage.TemporaryDirectories.create("mq-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory for MQ brokers", e);
            }
            effective = new MqHosting(temporary, hosting.wharfHost(), hosting.advertisedHost(), hosting.tls());
        }
        return new MqModule(new MqEngine(store, clock, runtimes, effective).resume(), temporary);
    }

    public MqEngine engine() {
        return engine;
    }

    /** The MQ API for the gateway. */
    public MqService service() {
        return service;
    }

    /** Stops every running broker (their data stays for the next start, unless it was temporary). */
    @Override
    public void close() {
        engine.close();
        if (temporary != null) {
            try {
                io.wharf.storage.FileTrees.deleteTree(temporary);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + temporary, e);
            }
        }
    }
}
