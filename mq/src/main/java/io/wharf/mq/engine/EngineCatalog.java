package io.wharf.mq.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * What brokers Wharf offers, as DescribeBrokerEngineTypes and DescribeBrokerInstanceOptions answer and CreateBroker
 * checks: the engine versions Wharf's runtimes run (ActiveMQ Classic 5.18, RabbitMQ 3.13; the first is the default),
 * Amazon MQ's host instance types, storage types and deployment modes per engine. Instance types change nothing about
 * the broker Wharf runs; they are accepted so templates written for AWS work unchanged.
 */
public final class EngineCatalog {
    public static final String ACTIVEMQ = "ACTIVEMQ";
    public static final String RABBITMQ = "RABBITMQ";
    public static final List<String> ENGINE_TYPES = List.of(ACTIVEMQ, RABBITMQ);

    private static final List<String> INSTANCE_TYPES = List.of("mq.t3.micro", "mq.m5.large", "mq.m5.xlarge",
            "mq.m5.2xlarge", "mq.m5.4xlarge");

    /** One row of DescribeBrokerInstanceOptions. */
    public record InstanceOption(String engineType, String hostInstanceType, String storageType,
                                 List<String> deploymentModes, List<String> engineVersions) {
    }

    private EngineCatalog() {
    }

    /** The versions of {@code engineType}, newest (the default) first. */
    public static List<String> versions(String engineType) {
        return switch (engineType) {
            case ACTIVEMQ -> List.of("5.18");
            case RABBITMQ -> List.of("3.13");
            default -> List.of();
        };
    }

    public static List<String> instanceTypes() {
        return INSTANCE_TYPES;
    }

    /** Every instance option, engine by engine, instance type by instance type. */
    public static List<InstanceOption> instanceOptions() {
        List<InstanceOption> options = new ArrayList<>();
        for (String type : INSTANCE_TYPES) {
            boolean micro = type.equals("mq.t3.micro");
            options.add(new InstanceOption(ACTIVEMQ, type, "EFS", micro ? List.of("SINGLE_INSTANCE")
                    : List.of("SINGLE_INSTANCE", "ACTIVE_STANDBY_MULTI_AZ"), versions(ACTIVEMQ)));
            if (!micro) {
                options.add(new InstanceOption(ACTIVEMQ, type, "EBS", List.of("SINGLE_INSTANCE"), versions(ACTIVEMQ)));
            }
        }
        for (String type : INSTANCE_TYPES) {
            boolean micro = type.equals("mq.t3.micro");
            options.add(new InstanceOption(RABBITMQ, type, "EBS", micro ? List.of("SINGLE_INSTANCE")
                    : List.of("SINGLE_INSTANCE", "CLUSTER_MULTI_AZ"), versions(RABBITMQ)));
        }
        return options;
    }

    /** The storage type a broker gets when CreateBroker names none (AWS: EFS for ActiveMQ, EBS for RabbitMQ). */
    static String defaultStorageType(String engineType) {
        return engineType.equals(ACTIVEMQ) ? "EFS" : "EBS";
    }

    /** Whether {@code deploymentMode} exists for this engine and instance type. */
    static boolean supports(String engineType, String hostInstanceType, String storageType, String deploymentMode) {
        for (InstanceOption option : instanceOptions()) {
            if (option.engineType().equals(engineType) && option.hostInstanceType().equals(hostInstanceType)
                    && option.storageType().equals(storageType) && option.deploymentModes().contains(deploymentMode)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code storageType} is offered with this engine and instance type. */
    static boolean offers(String engineType, String hostInstanceType, String storageType) {
        for (InstanceOption option : instanceOptions()) {
            if (option.engineType().equals(engineType) && option.hostInstanceType().equals(hostInstanceType)
                    && option.storageType().equals(storageType)) {
                return true;
            }
        }
        return false;
    }

    /** The default configuration Amazon MQ makes for an ActiveMQ broker created without one (revision 1's data). */
    static String defaultConfiguration(String engineType) {
        if (engineType.equals(RABBITMQ)) {
            return "# RabbitMQ configuration (rabbitmq.conf syntax); Amazon MQ's defaults apply\n";
        }
        return """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <broker xmlns="http://activemq.apache.org/schema/core">
                  <plugins>
                    <forcePersistencyModeBrokerPlugin persistenceFlag="true"/>
                    <statisticsBrokerPlugin/>
                    <timeStampingBrokerPlugin ttlCeiling="86400000" zeroExpirationOverride="86400000"/>
                  </plugins>
                </broker>
                """;
    }
}
