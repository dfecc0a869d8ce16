/**
 * ActiveMQ Classic brokers embedded in Wharf's process: {@link io.wharf.mq.broker.activemq.ActiveMqRuntime} turns a
 * {@link io.wharf.mq.broker.BrokerSpec} into one {@code BrokerService} (or an active/standby pair on one KahaDB
 * directory) with OpenWire, AMQP 1.0, STOMP and MQTT transports, the API's users and the applied configuration's
 * supported parts. {@link io.wharf.mq.broker.activemq.ActiveMqConfiguration} holds what Amazon MQ accepts in an
 * ActiveMQ configuration and what Wharf applies of it.
 */
package io.wharf.mq.broker.activemq;
