/**
 * Amazon MQ's domain without HTTP: {@link io.wharf.mq.engine.MqEngine} (brokers, users with pending changes,
 * configurations with revisions, tags; every change committed before the answer), {@code BrokerLifecycle} (brokers
 * started, rebooted and deleted in the background through the {@link io.wharf.mq.broker.BrokerRuntime} of their engine
 * type), {@code MqStoreLayout} (the keys and values on disk) and {@code Recovery}.
 */
package io.wharf.mq.engine;
