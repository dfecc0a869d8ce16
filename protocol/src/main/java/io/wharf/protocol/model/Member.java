package io.wharf.protocol.model;

/**
 * A reference from a structure, list or map to a shape, with the traits the reference carries.
 *
 * @param name            the member name (structure members), or "member" / "key" / "value"
 * @param shape           the target shape
 * @param locationName    the wire name when it differs from {@code name} (Query/XML), or null
 * @param flattened       the reference is flattened (Query/XML lists and maps)
 * @param timestampFormat a timestamp format override, or null
 * @param xmlAttribute    rendered as an XML attribute
 * @param jsonValue       a string that holds JSON
 * @param location        where a REST protocol carries the member: {@code uri}, {@code querystring}, {@code header},
 *                        {@code headers} (a map under a header-name prefix, {@code locationName}) or
 *                        {@code statusCode}; null for the body
 * @param xmlNamespace    the XML namespace the reference declares (REST-XML payloads), or null
 * @param streaming       the reference is a streaming blob (besides a shape marked so, {@link Shape#streaming()})
 */
public record Member(String name, Shape shape, String locationName, boolean flattened, String timestampFormat,
                     boolean xmlAttribute, boolean jsonValue, String location, XmlNamespace xmlNamespace,
                     boolean streaming) {

    /** A reference without REST traits (the body; no namespace). */
    public Member(String name, Shape shape, String locationName, boolean flattened, String timestampFormat,
                  boolean xmlAttribute, boolean jsonValue) {
        this(name, shape, locationName, flattened, timestampFormat, xmlAttribute, jsonValue, null, null, false);
    }

    /** The name on the wire for Query and XML: locationName if set, else the member name. */
    public String wireName() {
        return locationName != null ? locationName : name;
    }

    /** Whether the member travels in the body (REST protocols: no {@code location}). */
    public boolean inBody() {
        return location == null;
    }

    /** A streaming blob, by the reference or its shape (S3's object bodies). */
    public boolean isStreaming() {
        return streaming || shape.streaming();
    }

    /** The timestamp format of the reference, else of its shape, else null (the protocol's default for the place). */
    public String timestampFormatOrShape() {
        return timestampFormat != null ? timestampFormat : shape.timestampFormat();
    }

    /** Flattened either on the reference or on the target list/map shape. */
    public boolean isFlattened() {
        return flattened || shape.flattened();
    }
}
