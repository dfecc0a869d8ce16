package io.wharf.mq.broker.activemq;

import java.util.Map;
import java.util.Set;

/**
 * What Amazon MQ permits in an ActiveMQ configuration, from its developer guide ("Elements permitted in Amazon MQ
 * configurations", "… and their attributes", "… child collection elements", "Child element attributes"). Elements
 * not listed are removed with a {@code DISALLOWED_ELEMENT_REMOVED} warning, attributes not listed for an element with
 * a list with {@code DISALLOWED_ATTRIBUTE_REMOVED}, as CreateConfiguration/UpdateConfiguration do.
 *
 * <p>Attribute lists are kept for the elements whose lists Wharf has checked against the guide; the attributes of the
 * other permitted elements are kept as written (docs/mq-activemq.md says so).
 */
final class ConfigurationRules {
    private ConfigurationRules() {
    }

    /** Every element name Amazon MQ permits anywhere under {@code <broker>}, the collection elements included. */
    static final Set<String> ELEMENTS = Set.of(
            // the permitted elements
            "abortSlowAckConsumerStrategy", "abortSlowConsumerStrategy", "authorizationEntry", "authorizationMap",
            "authorizationPlugin", "broker", "cachedMessageGroupMapFactory", "compositeQueue", "compositeTopic",
            "constantPendingMessageLimitStrategy", "discarding", "discardingDLQBrokerPlugin", "fileCursor",
            "fileDurableSubscriberCursor", "fileQueueCursor", "filteredDestination",
            "fixedCountSubscriptionRecoveryPolicy", "fixedSizedSubscriptionRecoveryPolicy",
            "forcePersistencyModeBrokerPlugin", "individualDeadLetterStrategy", "lastImageSubscriptionRecoveryPolicy",
            "messageGroupHashBucketFactory", "mirroredQueue", "noSubscriptionRecoveryPolicy",
            "oldestMessageEvictionStrategy", "oldestMessageWithLowestPriorityEvictionStrategy", "policyEntry",
            "policyMap", "prefetchRatePendingMessageLimitStrategy", "priorityDispatchPolicy",
            "priorityNetworkDispatchPolicy", "queryBasedSubscriptionRecoveryPolicy", "queue", "redeliveryPlugin",
            "redeliveryPolicy", "redeliveryPolicyMap", "retainedMessageSubscriptionRecoveryPolicy",
            "roundRobinDispatchPolicy", "sharedDeadLetterStrategy", "simpleDispatchPolicy",
            "simpleMessageGroupMapFactory", "statisticsBrokerPlugin", "storeCursor", "storeDurableSubscriberCursor",
            "strictOrderDispatchPolicy", "tempDestinationAuthorizationEntry", "tempQueue", "tempTopic",
            "timedSubscriptionRecoveryPolicy", "timeStampingBrokerPlugin", "topic",
            "uniquePropertyMessageEvictionStrategy", "virtualDestinationInterceptor", "virtualTopic", "vmCursor",
            "vmDurableCursor", "vmQueueCursor",
            // child elements with attribute details
            "networkConnector", "kahaDB", "systemUsage",
            // child collection elements
            "authorizationEntries", "defaultEntry", "map", "destinationInterceptors", "destinationPolicy",
            "destinations", "networkConnectors", "persistenceAdapter", "plugins", "forwardTo", "policyEntries",
            "deadLetterStrategy", "dispatchPolicy", "messageEvictionStrategy", "messageGroupMapFactory",
            "pendingDurableSubscriberPolicy", "pendingMessageLimitStrategy", "pendingQueuePolicy",
            "pendingSubscriberPolicy", "subscriptionRecoveryPolicy", "redeliveryPolicyEntries", "deadLetterQueue",
            "virtualDestinations", "excludedDestinations", "staticallyIncludedDestinations",
            "dynamicallyIncludedDestinations", "wrapped", "slowConsumerStrategy", "transportConnectors",
            "transportConnector");

    /** The attributes permitted per element, for the elements whose lists are checked. */
    static final Map<String, Set<String>> ATTRIBUTES = Map.ofEntries(
            Map.entry("abortSlowAckConsumerStrategy", Set.of("abortConnection", "checkPeriod", "ignoreIdleConsumers",
                    "ignoreNetworkConsumers", "maxSlowCount", "maxSlowDuration", "maxTimeSinceLastAck", "name")),
            Map.entry("abortSlowConsumerStrategy", Set.of("abortConnection", "checkPeriod", "ignoreNetworkConsumers",
                    "maxSlowCount", "maxSlowDuration", "name")),
            Map.entry("authorizationEntry", Set.of("admin", "queue", "read", "tempQueue", "tempTopic", "topic", "write")),
            Map.entry("broker", Set.of("advisorySupport", "allowTempAutoCreationOnSend", "cacheTempDestinations",
                    "consumerSystemUsagePortion", "dedicatedTaskRunner", "deleteAllMessagesOnStartup",
                    "keepDurableSubsActive", "enableMessageExpirationOnActiveDurableSubs",
                    "maxPurgedDestinationsPerSweep", "maxSchedulerRepeatAllowed", "monitorConnectionSplits",
                    "networkConnectorStartAsync", "offlineDurableSubscriberTaskSchedule",
                    "offlineDurableSubscriberTimeout", "persistenceThreadPriority", "persistent", "populateJMSXUserID",
                    "producerSystemUsagePortion", "rejectDurableConsumers", "rollbackOnlyOnAsyncException",
                    "schedulePeriodForDestinationPurge", "schedulerSupport", "splitSystemUsageForProducersConsumers",
                    "taskRunnerPriority", "timeBeforePurgeTempDestinations", "useAuthenticatedPrincipalForJMSXUserID",
                    "useTempMirroredQueues", "useVirtualDestSubs", "useVirtualDestSubsOnCreation", "useVirtualTopics")),
            Map.entry("kahaDB", Set.of("checkpointInterval", "cleanupInterval", "concurrentStoreAndDispatchQueues",
                    "indexWriteBatchSize", "journalDiskSyncInterval", "journalDiskSyncStrategy", "preallocationStrategy")),
            Map.entry("systemUsage", Set.of("sendFailIfNoSpace", "sendFailIfNoSpaceAfterTimeout")),
            Map.entry("networkConnector", Set.of("conduitSubscriptions", "consumerTTL", "decreaseNetworkConsumerPriority",
                    "duplex", "dynamicOnly", "messageTTL", "name", "networkTTL", "suppressDuplicateQueueSubscriptions",
                    "suppressDuplicateTopicSubscriptions", "uri")),
            Map.entry("transportConnector", Set.of("name", "updateClusterClients", "rebalanceClusterClients",
                    "updateClusterClientsOnRemove")),
            Map.entry("tempDestinationAuthorizationEntry", Set.of("admin", "read", "write")),
            Map.entry("queue", Set.of("DLQ", "physicalName")),
            Map.entry("topic", Set.of("DLQ", "physicalName")),
            Map.entry("tempQueue", Set.of("DLQ", "physicalName")),
            Map.entry("tempTopic", Set.of("DLQ", "physicalName")));
}
