package io.wharf.mq.engine;

/**
 * Rebuilds the engine's memory from the store on start ({@link #load}), then sets the brokers going again
 * ({@link #resume}): a broker that was running, starting or rebooting is started again (shown as
 * {@code REBOOT_IN_PROGRESS}, or still {@code CREATION_IN_PROGRESS}, until it runs; a Wharf restart is not a reboot, so
 * nothing pending is applied), and a deletion that was under way is finished.
 */
final class Recovery {
    private Recovery() {
    }

    static void load(MqEngine engine) {
        engine.store.scan(engine.layout.configurations, new byte[0], (key, value) -> {
            Configuration configuration = MqStoreLayout.decodeConfiguration(value);
            engine.configurations.put(configuration.id, configuration);
        });
        engine.store.scan(engine.layout.brokers, new byte[0], (key, value) -> {
            Broker broker = MqStoreLayout.decodeBroker(value);
            engine.brokers.put(broker.id, broker);
        });
    }

    static void resume(MqEngine engine) {
        synchronized (engine.lock) {
            for (Broker broker : engine.brokers.values()) {
                switch (broker.state) {
                    case MqEngine.DELETION_IN_PROGRESS -> engine.lifecycle.delete(broker);
                    case MqEngine.CREATION_IN_PROGRESS -> engine.lifecycle.create(broker);
                    case MqEngine.RUNNING, MqEngine.REBOOT_IN_PROGRESS -> {
                        broker.state = MqEngine.REBOOT_IN_PROGRESS;
                        engine.lifecycle.restart(broker);
                    }
                    default -> {
                        // CREATION_FAILED, CRITICAL_ACTION_REQUIRED: stays so until the user reboots or deletes it
                    }
                }
            }
        }
    }
}
