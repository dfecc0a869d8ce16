package io.wharf.protocol.query;

/**
 * A minimal streaming XML writer: elements and escaped text, nothing else. Escapes carriage returns and
 * tabs as character references so that a parser hands back exactly the bytes we hold (a raw CR would be
 * normalised to LF and break the MD5 the SDKs check against the message body).
 */
final class XmlWriter {
    private final StringBuilder out = new StringBuilder(256);

    XmlWriter declaration() {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        return this;
    }

    XmlWriter open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    XmlWriter open(String name, String namespace) {
        out.append('<').append(name);
        if (namespace != null) {
            out.append(" xmlns=\"");
            escape(namespace);
            out.append('"');
        }
        out.append('>');
        return this;
    }

    XmlWriter close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    XmlWriter empty(String name) {
        out.append('<').append(name).append("/>");
        return this;
    }

    XmlWriter element(String name, String text) {
        open(name);
        escape(text);
        return close(name);
    }

    XmlWriter text(String text) {
        escape(text);
        return this;
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#xD;");
                case '\t' -> out.append("&#x9;");
                default -> out.append(c);
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
