package io.wharf.mq.broker.rabbitmq;

import io.wharf.mq.broker.BrokerSpec;

/**
 * The node's {@code rabbitmq.conf}, written at every start: its listeners (AMQP on the bind address, or AMQPS only
 * when the broker has TLS material), the definitions file with the users, the log, the management console, and the
 * keys of the broker's configuration the installed RabbitMQ knows ({@link RabbitMqConfiguration}).
 */
final class RabbitConf {
    private RabbitConf() {
    }

    static String render(BrokerSpec spec, NodeFiles files, RabbitMqInstallation installation,
                         RabbitMqConfiguration configuration, int amqpPort, int consolePort) {
        String host = spec.bindHost();
        StringBuilder conf = new StringBuilder("# Written by Wharf at every start of broker ").append(spec.brokerId())
                .append(": edits here are lost.\n");
        if (spec.tls() != null) {
            conf.append("listeners.tcp = none\n");
            conf.append("listeners.ssl.1 = ").append(host).append(':').append(amqpPort).append('\n');
            conf.append("ssl_options.certfile = ").append(files.tls.resolve("cert.pem")).append('\n');
            conf.append("ssl_options.keyfile = ").append(files.tls.resolve("key.pem")).append('\n');
            conf.append("ssl_options.verify = verify_none\n");
            conf.append("ssl_options.fail_if_no_peer_cert = false\n");
        } else {
            conf.append("listeners.tcp.1 = ").append(host).append(':').append(amqpPort).append('\n');
        }
        conf.append("load_definitions = ").append(files.definitions).append('\n');
        conf.append("log.file = ").append(files.rabbitLog.getFileName()).append('\n');
        conf.append("log.file.level = info\n");
        conf.append("log.console = false\n");
        conf.append("log.file.rotation.size = 10485760\n");
        conf.append("log.file.rotation.count = 5\n");
        if (consolePort != 0) {
            String prefix = spec.tls() != null ? "management.ssl." : "management.tcp.";
            conf.append(prefix).append("port = ").append(consolePort).append('\n');
            conf.append(prefix).append("ip = ").append(host).append('\n');
            if (spec.tls() != null) {
                conf.append("management.ssl.certfile = ").append(files.tls.resolve("cert.pem")).append('\n');
                conf.append("management.ssl.keyfile = ").append(files.tls.resolve("key.pem")).append('\n');
            }
        }
        conf.append(configuration.toRabbitConf(installation::knowsConfigurationKey));
        return conf.toString();
    }
}
