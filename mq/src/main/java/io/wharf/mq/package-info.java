/**
 * Amazon MQ: the control-plane API (REST-JSON, model {@code models/mq}) over a durable engine, and the brokers it
 * runs through {@link io.wharf.mq.broker} (one {@link io.wharf.mq.broker.BrokerRuntime} per engine type).
 */
package io.wharf.mq;
