package io.wharf.protocol.restxml;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A parsed XML element: local name, attributes ({@code prefix:local} and {@code local} both kept), text and children.
 * Namespaces are ignored, as AWS's REST-XML parsers do. DTDs and external entities are refused (no XXE), and the
 * document is bounded: {@link #MAX_DEPTH} levels, {@link #MAX_ELEMENTS} elements.
 */
final class XmlElement {
    static final int MAX_DEPTH = 64;
    static final int MAX_ELEMENTS = 100_000;

    private static final XMLInputFactory FACTORY = factory();

    final String name;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final List<XmlElement> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    private XmlElement(String name) {
        this.name = name;
    }

    /** The element's own text (its children's not included). */
    String text() {
        return text.toString();
    }

    XmlElement child(String childName) {
        for (XmlElement child : children) {
            if (child.name.equals(childName)) {
                return child;
            }
        }
        return null;
    }

    List<XmlElement> children(String childName) {
        List<XmlElement> found = new ArrayList<>();
        for (XmlElement child : children) {
            if (child.name.equals(childName)) {
                found.add(child);
            }
        }
        return found;
    }

    /** The document's root element; IllegalArgumentException when it is not well-formed XML within the bounds. */
    static XmlElement parse(byte[] document) {
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(document));
            List<XmlElement> stack = new ArrayList<>();
            XmlElement root = null;
            int elements = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (root != null && stack.isEmpty()) {
                            throw new IllegalArgumentException("more than one root element");
                        }
                        if (++elements > MAX_ELEMENTS || stack.size() >= MAX_DEPTH) {
                            throw new IllegalArgumentException("the document is too large or too deep");
                        }
                        XmlElement element = new XmlElement(reader.getLocalName());
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            String local = reader.getAttributeLocalName(i);
                            String prefix = reader.getAttributePrefix(i);
                            String value = reader.getAttributeValue(i);
                            element.attributes.put(local, value);
                            if (prefix != null && !prefix.isEmpty()) {
                                element.attributes.put(prefix + ":" + local, value);
                            }
                        }
                        if (stack.isEmpty()) {
                            root = element;
                        } else {
                            stack.get(stack.size() - 1).children.add(element);
                        }
                        stack.add(element);
                    }
                    case XMLStreamConstants.END_ELEMENT -> stack.remove(stack.size() - 1);
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!stack.isEmpty()) {
                            stack.get(stack.size() - 1).text.append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new IllegalArgumentException("DTDs and entities are not accepted");
                    default -> { }
                }
            }
            if (root == null) {
                throw new IllegalArgumentException("no root element");
            }
            return root;
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("not well-formed XML", e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        return factory;
    }
}
