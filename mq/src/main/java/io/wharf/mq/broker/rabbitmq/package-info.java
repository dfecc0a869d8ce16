/**
 * The RabbitMQ engine: each broker is Debian's {@code rabbitmq-server} run as a supervised child process of Wharf,
 * with its own node name, Erlang cookie, epmd, ports and data directory ({@link io.wharf.mq.broker.rabbitmq.NodeFiles}
 * draws the layout). {@link io.wharf.mq.broker.rabbitmq.RabbitMqRuntime} is the entry the MQ engine calls;
 * {@link io.wharf.mq.broker.rabbitmq.RabbitMqNode} keeps one node alive (restart on crash, stop on close);
 * {@link io.wharf.mq.broker.rabbitmq.RabbitMqConfiguration} is what Amazon MQ lets a configuration set.
 * docs/mq-rabbitmq.md is the user's view.
 */
package io.wharf.mq.broker.rabbitmq;
