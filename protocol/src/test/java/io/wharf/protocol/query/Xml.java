package io.wharf.protocol.query;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** DOM helpers for the XML tests: a strict namespace-aware parse and child-element navigation. */
final class Xml {
    private Xml() {
    }

    static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            return document.getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + xml, e);
        }
    }

    /** Child elements in document order. */
    static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                result.add(e);
            }
        }
        return result;
    }

    static List<Element> children(Element parent, String localName) {
        return children(parent).stream().filter(e -> e.getLocalName().equals(localName)).toList();
    }

    static List<String> childNames(Element parent) {
        return children(parent).stream().map(Element::getLocalName).toList();
    }

    /** The only child with this name; fails when there are none or several. */
    static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        if (found.size() != 1) {
            throw new AssertionError("expected one <" + localName + "> in <" + parent.getLocalName() + ">, found "
                    + found.size() + ": " + childNames(parent));
        }
        return found.get(0);
    }

    /** The text of the path of single children below {@code parent}. */
    static String text(Element parent, String... path) {
        Element e = parent;
        for (String name : path) {
            e = child(e, name);
        }
        return e.getTextContent();
    }
}
