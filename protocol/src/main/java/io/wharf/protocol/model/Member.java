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
 */
public record Member(String name, Shape shape, String locationName, boolean flattened, String timestampFormat,
                     boolean xmlAttribute, boolean jsonValue) {

    /** The name on the wire for Query and XML: locationName if set, else the member name. */
    public String wireName() {
        return locationName != null ? locationName : name;
    }

    /** Flattened either on the reference or on the target list/map shape. */
    public boolean isFlattened() {
        return flattened || shape.flattened();
    }
}
