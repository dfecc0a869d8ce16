package io.wharf.mq.broker.activemq;

import io.wharf.mq.broker.BrokerRuntime.ConfigurationRejected;
import io.wharf.mq.broker.BrokerRuntime.ConfigurationWarning;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import java.util.Set;
import java.util.function.Supplier;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.policy.ConstantPendingMessageLimitStrategy;
import org.apache.activemq.broker.region.policy.DiscardingDeadLetterStrategy;
import org.apache.activemq.broker.region.policy.IndividualDeadLetterStrategy;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.broker.region.policy.PrefetchRatePendingMessageLimitStrategy;
import org.apache.activemq.broker.region.policy.SharedDeadLetterStrategy;
import org.apache.activemq.broker.util.TimeStampingBrokerPlugin;
import org.apache.activemq.command.ActiveMQDestination;
import org.apache.activemq.command.ActiveMQQueue;
import org.apache.activemq.command.ActiveMQTopic;
import org.apache.activemq.filter.DestinationMapEntry;
import org.apache.activemq.plugin.DiscardingDLQBrokerPlugin;
import org.apache.activemq.plugin.ForcePersistencyModeBrokerPlugin;
import org.apache.activemq.plugin.StatisticsBrokerPlugin;
import org.apache.activemq.security.AuthorizationEntry;
import org.apache.activemq.security.AuthorizationPlugin;
import org.apache.activemq.security.DefaultAuthorizationMap;
import org.apache.activemq.security.TempDestinationAuthorizationEntry;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.activemq.util.IntrospectionSupport;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * An ActiveMQ configuration revision as Amazon MQ takes it, and what Wharf applies of it to a broker.
 *
 * <p>Parsing is the secure kind (no DTD, no external entity, no XInclude). A document that is not XML, or whose root
 * is not {@code <broker>}, is refused. Elements and attributes Amazon MQ does not permit ({@link ConfigurationRules})
 * are removed, each with the {@link ConfigurationWarning} AWS gives for it, and so are attribute values ActiveMQ
 * cannot take ({@code INVALID_ATTRIBUTE_VALUE_REMOVED}): the sanitized document is what a broker gets.
 *
 * <p>Applied on start: the {@code <broker>} attributes, {@code destinationPolicy} (policy entries' attributes, their
 * dead-letter and pending-message-limit strategies), {@code destinations}, {@code persistenceAdapter/kahaDB}
 * attributes, {@code systemUsage/systemUsage} attributes and the plugins {@code authorizationPlugin},
 * {@code forcePersistencyModeBrokerPlugin}, {@code timeStampingBrokerPlugin}, {@code statisticsBrokerPlugin},
 * {@code discardingDLQBrokerPlugin}. Accepted but not applied: the other policy-entry children (dispatch, recovery,
 * eviction, cursor and message-group policies, slow-consumer strategies), {@code destinationInterceptors} (virtual and
 * mirrored destinations), {@code networkConnectors}, {@code transportConnectors} and {@code redeliveryPlugin}.
 */
final class ActiveMqConfiguration {
    static final ActiveMqConfiguration DEFAULT = new ActiveMqConfiguration(null, List.of());
    static final String DISALLOWED_ELEMENT = "DISALLOWED_ELEMENT_REMOVED";
    static final String DISALLOWED_ATTRIBUTE = "DISALLOWED_ATTRIBUTE_REMOVED";
    static final String INVALID_VALUE = "INVALID_ATTRIBUTE_VALUE_REMOVED";
    /** Larger documents are refused before parsing: Amazon MQ's configuration data is small. */
    static final int MAX_CHARACTERS = 1 << 20;

    private final Element broker;
    private final List<ConfigurationWarning> warnings;

    private ActiveMqConfiguration(Element broker, List<ConfigurationWarning> warnings) {
        this.broker = broker;
        this.warnings = List.copyOf(warnings);
    }

    /** Parses and sanitizes {@code xml}; throws {@link ConfigurationRejected} when it is not a broker configuration. */
    static ActiveMqConfiguration parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new ConfigurationRejected("The configuration data is empty.");
        }
        if (xml.length() > MAX_CHARACTERS) {
            throw new ConfigurationRejected("The configuration data is larger than " + MAX_CHARACTERS + " characters.");
        }
        Document document;
        try {
            document = secureBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new ConfigurationRejected("The configuration data is not valid XML: " + e.getMessage());
        }
        Element root = document.getDocumentElement();
        if (!"broker".equals(localName(root))) {
            throw new ConfigurationRejected(
                    "The configuration data must have a <broker> root element, not <" + localName(root) + ">.");
        }
        List<ConfigurationWarning> warnings = new ArrayList<>();
        sanitize(root, warnings);
        ActiveMqConfiguration configuration = new ActiveMqConfiguration(root, warnings);
        configuration.removeInvalidValues(warnings);
        return new ActiveMqConfiguration(root, warnings);
    }

    List<ConfigurationWarning> warnings() {
        return warnings;
    }

    private static DocumentBuilder secureBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null); // errors are thrown, not printed
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a secure-processing feature", e);
        }
    }

    private static void sanitize(Element element, List<ConfigurationWarning> warnings) {
        Set<String> permitted = ConfigurationRules.ATTRIBUTES.get(localName(element));
        NamedNodeMap attributes = element.getAttributes();
        for (int i = attributes.getLength() - 1; i >= 0; i--) {
            Attr attribute = (Attr) attributes.item(i);
            if (isNamespaceDeclaration(attribute)) {
                continue;
            }
            String name = localName(attribute);
            if (permitted != null && !permitted.contains(name)) {
                warnings.add(new ConfigurationWarning(localName(element), name, DISALLOWED_ATTRIBUTE));
                element.removeAttributeNode(attribute);
            }
        }
        for (Element child : children(element)) {
            if (ConfigurationRules.ELEMENTS.contains(localName(child))) {
                sanitize(child, warnings);
            } else {
                warnings.add(new ConfigurationWarning(localName(child), null, DISALLOWED_ELEMENT));
                element.removeChild(child);
            }
        }
    }

    /** Applies every applied part to throwaway objects, removing the values ActiveMQ refuses, with a warning each. */
    private void removeInvalidValues(List<ConfigurationWarning> warnings) {
        Problems problems = (element, attribute) -> {
            warnings.add(new ConfigurationWarning(localName(element), attribute, INVALID_VALUE));
            element.removeAttribute(attribute);
        };
        try {
            applyTo(new BrokerService(), new KahaDBPersistenceAdapter(), problems);
            plugins(problems);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sets what this configuration says on a broker and its store, before they start. Synchronized: a pair's instances
     * start on their own threads and a DOM is not safe to read from two at once.
     */
    synchronized void applyTo(BrokerService target, KahaDBPersistenceAdapter store) {
        try {
            applyTo(target, store, Problems.IGNORE);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The broker plugins this configuration adds (after the users' authentication plugin). */
    synchronized List<BrokerPlugin> plugins() {
        return plugins(Problems.IGNORE);
    }

    private void applyTo(BrokerService target, KahaDBPersistenceAdapter store, Problems problems) throws IOException {
        if (broker == null) {
            return;
        }
        setAttributes(target, broker, problems);
        for (Element policyMap : path(broker, "destinationPolicy", "policyMap")) {
            target.setDestinationPolicy(policyMap(policyMap, problems));
        }
        List<ActiveMQDestination> destinations = new ArrayList<>();
        for (Element destinations1 : path(broker, "destinations")) {
            for (Element destination : children(destinations1)) {
                String name = destination.getAttribute("physicalName");
                switch (localName(destination)) {
                    case "queue" -> destinations.add(new ActiveMQQueue(name));
                    case "topic" -> destinations.add(new ActiveMQTopic(name));
                    default -> { } // temporary destinations cannot be made in advance
                }
            }
        }
        if (!destinations.isEmpty()) {
            target.setDestinations(destinations.toArray(ActiveMQDestination[]::new));
        }
        for (Element kahaDb : path(broker, "persistenceAdapter", "kahaDB")) {
            setAttributes(store, kahaDb, problems);
        }
        for (Element usage : path(broker, "systemUsage", "systemUsage")) {
            setAttributes(target.getSystemUsage(), usage, problems);
        }
    }

    private List<BrokerPlugin> plugins(Problems problems) {
        List<BrokerPlugin> plugins = new ArrayList<>();
        if (broker == null) {
            return plugins;
        }
        for (Element plugins1 : path(broker, "plugins")) {
            for (Element plugin : children(plugins1)) {
                switch (localName(plugin)) {
                    case "authorizationPlugin" -> plugins.add(authorization(plugin, problems));
                    case "forcePersistencyModeBrokerPlugin" ->
                            plugins.add(configured(ForcePersistencyModeBrokerPlugin::new, plugin, problems));
                    case "timeStampingBrokerPlugin" ->
                            plugins.add(configured(TimeStampingBrokerPlugin::new, plugin, problems));
                    case "statisticsBrokerPlugin" -> plugins.add(configured(StatisticsBrokerPlugin::new, plugin, problems));
                    case "discardingDLQBrokerPlugin" ->
                            plugins.add(configured(DiscardingDLQBrokerPlugin::new, plugin, problems));
                    default -> { } // redeliveryPlugin: accepted, not applied
                }
            }
        }
        return plugins;
    }

    private static AuthorizationPlugin authorization(Element plugin, Problems problems) {
        DefaultAuthorizationMap map = new DefaultAuthorizationMap();
        for (Element authorizationMap : path(plugin, "map", "authorizationMap")) {
            List<DestinationMapEntry> entries = new ArrayList<>();
            for (Element entry : path(authorizationMap, "authorizationEntries", "authorizationEntry")) {
                entries.add(configured(AuthorizationEntry::new, entry, problems));
            }
            map.setAuthorizationEntries(entries);
            for (Element entry : path(authorizationMap, "defaultEntry", "authorizationEntry")) {
                map.setDefaultEntry(configured(AuthorizationEntry::new, entry, problems));
            }
            for (Element entry : path(authorizationMap, "tempDestinationAuthorizationEntry",
                    "tempDestinationAuthorizationEntry")) {
                map.setTempDestinationAuthorizationEntry(
                        configured(TempDestinationAuthorizationEntry::new, entry, problems));
            }
            for (Element entry : path(authorizationMap, "authorizationEntries", "tempDestinationAuthorizationEntry")) {
                map.setTempDestinationAuthorizationEntry(
                        configured(TempDestinationAuthorizationEntry::new, entry, problems));
            }
        }
        return new AuthorizationPlugin(map);
    }

    private static PolicyMap policyMap(Element element, Problems problems) {
        PolicyMap map = new PolicyMap();
        List<PolicyEntry> entries = new ArrayList<>();
        for (Element entry : path(element, "policyEntries", "policyEntry")) {
            entries.add(policyEntry(entry, problems));
        }
        map.setPolicyEntries(new ArrayList<>(entries));
        for (Element entry : path(element, "defaultEntry", "policyEntry")) {
            map.setDefaultEntry(policyEntry(entry, problems));
        }
        return map;
    }

    private static PolicyEntry policyEntry(Element element, Problems problems) {
        PolicyEntry entry = configured(PolicyEntry::new, element, problems);
        for (Element strategy : path(element, "deadLetterStrategy")) {
            for (Element chosen : children(strategy)) {
                switch (localName(chosen)) {
                    case "individualDeadLetterStrategy" ->
                            entry.setDeadLetterStrategy(configured(IndividualDeadLetterStrategy::new, chosen, problems));
                    case "sharedDeadLetterStrategy" ->
                            entry.setDeadLetterStrategy(configured(SharedDeadLetterStrategy::new, chosen, problems));
                    case "discarding" ->
                            entry.setDeadLetterStrategy(configured(DiscardingDeadLetterStrategy::new, chosen, problems));
                    default -> { }
                }
            }
        }
        for (Element strategy : path(element, "pendingMessageLimitStrategy")) {
            for (Element chosen : children(strategy)) {
                switch (localName(chosen)) {
                    case "constantPendingMessageLimitStrategy" -> entry.setPendingMessageLimitStrategy(
                            configured(ConstantPendingMessageLimitStrategy::new, chosen, problems));
                    case "prefetchRatePendingMessageLimitStrategy" -> entry.setPendingMessageLimitStrategy(
                            configured(PrefetchRatePendingMessageLimitStrategy::new, chosen, problems));
                    default -> { }
                }
            }
        }
        return entry;
    }

    private static <T> T configured(Supplier<T> factory, Element element, Problems problems) {
        T target = factory.get();
        setAttributes(target, element, problems);
        return target;
    }

    /** Sets each attribute as the bean property of its name, as ActiveMQ's XML configuration does. */
    private static void setAttributes(Object target, Element element, Problems problems) {
        NamedNodeMap attributes = element.getAttributes();
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (!isNamespaceDeclaration(attribute)) {
                pairs.add(new String[] {localName(attribute), attribute.getValue()});
            }
        }
        for (String[] pair : pairs) {
            boolean set;
            try {
                set = IntrospectionSupport.setProperty(target, pair[0], pair[1]);
            } catch (RuntimeException e) {
                set = false;
            }
            if (!set) {
                problems.invalid(element, pair[0]);
            }
        }
    }

    private static List<Element> path(Element from, String... names) {
        List<Element> current = List.of(from);
        for (String name : names) {
            List<Element> next = new ArrayList<>();
            for (Element element : current) {
                for (Element child : children(element)) {
                    if (name.equals(localName(child))) {
                        next.add(child);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    private static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                children.add(childElement);
            }
        }
        return children;
    }

    private static String localName(Node node) {
        return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
    }

    private static boolean isNamespaceDeclaration(Attr attribute) {
        return XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())
                || "http://www.w3.org/2001/XMLSchema-instance".equals(attribute.getNamespaceURI());
    }

    /** Where an attribute value ActiveMQ does not take is reported. */
    @FunctionalInterface
    private interface Problems {
        Problems IGNORE = (element, attribute) -> { };

        void invalid(Element element, String attribute);
    }

}
