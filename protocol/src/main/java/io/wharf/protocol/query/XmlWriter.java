package io.wharf.protocol.query;

import io.wharf.protocol.XmlText;

/**
 * A minimal streaming XML writer (the Query and REST-XML encoders'): elements and escaped text, nothing else. Escapes carriage returns and
 * tabs as character references so that a parser hands back exactly the bytes we hold (a raw CR would be
 * normalised to LF and break the MD5 the SDKs check against the message body).
 *
 * <p>Whatever reaches it, it writes well-formed XML 1.0: a character XML cannot carry at all ({@link XmlText}: C0
 * controls other than tab, LF and CR, U+FFFE, U+FFFF, unpaired surrogates) is written as U+FFFD, the replacement
 * character — escaping is no way out, since {@code &#x1;} is as fatal to a parser as the raw byte. Requests are
 * refused before such text is stored wherever it would come back in an answer (the services'
 * {@link io.wharf.protocol.ValidationErrors#xmlSafeText()}), so this is the last line: what an SDK sees instead of an
 * unparseable answer for every caller.
 */
public final class XmlWriter {
    /** What an unwritable character becomes. */
    static final int REPLACEMENT = 0xFFFD;

    private final StringBuilder out = new StringBuilder(256);

    public XmlWriter declaration() {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        return this;
    }

    public XmlWriter open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    public XmlWriter open(String name, String namespace) {
        out.append('<').append(name);
        if (namespace != null) {
            out.append(" xmlns=\"");
            escape(namespace);
            out.append('"');
        }
        out.append('>');
        return this;
    }

    /** An opening tag with attributes (names as given, e.g. {@code xmlns:xsi}, {@code xsi:type}), values escaped. */
    public XmlWriter open(String name, java.util.Map<String, String> attributes) {
        out.append('<').append(name);
        attributes.forEach((attribute, value) -> {
            out.append(' ').append(attribute).append("=\"");
            // A parser turns a raw line feed in an attribute into a space (attribute-value normalisation).
            escape(value, true);
            out.append('"');
        });
        out.append('>');
        return this;
    }

    public XmlWriter close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    public XmlWriter empty(String name) {
        out.append('<').append(name).append("/>");
        return this;
    }

    public XmlWriter element(String name, String text) {
        open(name);
        escape(text);
        return close(name);
    }

    public XmlWriter text(String text) {
        escape(text);
        return this;
    }

    private void escape(String text) {
        escape(text, false);
    }

    private void escape(String text, boolean attribute) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#xD;");
                case '\t' -> out.append("&#x9;");
                case '\n' -> {
                    if (attribute) {
                        out.append("&#xA;");
                    } else {
                        out.append('\n');
                    }
                }
                default -> out.appendCodePoint(XmlText.allowed(c) ? c : REPLACEMENT);
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
