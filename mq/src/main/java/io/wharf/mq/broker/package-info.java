/**
 * The brokers behind the MQ API, apart from the API: the engine decides what a broker should be
 * ({@link io.wharf.mq.broker.BrokerSpec}) and a {@link io.wharf.mq.broker.BrokerRuntime} of its engine type makes it
 * run ({@link io.wharf.mq.broker.RunningBroker}). ActiveMQ Classic runs embedded in Wharf's process; RabbitMQ runs
 * as a supervised child process of Debian's {@code rabbitmq-server}.
 */
package io.wharf.mq.broker;
