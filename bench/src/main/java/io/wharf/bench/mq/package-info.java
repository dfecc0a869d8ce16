/**
 * Amazon MQ: the {@code mq-jms} scenario (JMS over OpenWire with ActiveMQ's client, against any ActiveMQ broker), the
 * broker a compare creates through a Wharf's MQ API ({@link io.wharf.bench.mq.BenchBroker}) and the standalone ActiveMQ
 * Classic broker of the {@code activemq} target ({@link io.wharf.bench.mq.StandaloneActiveMq}).
 */
package io.wharf.bench.mq;
