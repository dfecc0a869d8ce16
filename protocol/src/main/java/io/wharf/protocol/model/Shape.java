package io.wharf.protocol.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One shape of a service model. Built by {@link ServiceModel} and immutable afterwards; shapes may refer
 * to each other recursively, which is why this is a class filled in two steps rather than a record.
 */
public final class Shape {
    private final String name;
    private final ShapeType type;
    final Map<String, Member> members = new LinkedHashMap<>();
    Set<String> required = Set.of();
    Member listMember;
    Member mapKey;
    Member mapValue;
    Double min;
    Double max;
    Pattern pattern;
    List<String> enumValues = List.of();
    boolean flattened;
    boolean exception;
    ErrorTrait error;
    String timestampFormat;
    boolean sensitive;
    boolean eventStream;
    String payload;
    boolean streaming;
    XmlNamespace xmlNamespace;
    String locationName;

    Shape(String name, ShapeType type) {
        this.name = name;
        this.type = type;
    }

    public String name() { return name; }
    public ShapeType type() { return type; }
    /** Structure members in model order. */
    public Map<String, Member> members() { return Collections.unmodifiableMap(members); }
    public Member member(String memberName) { return members.get(memberName); }
    public Set<String> required() { return required; }
    /** The element reference of a list shape. */
    public Member listMember() { return listMember; }
    public Member mapKey() { return mapKey; }
    public Member mapValue() { return mapValue; }
    /** Lower bound: length for strings, blobs, lists and maps; value for numbers. Null when unbounded. */
    public Double min() { return min; }
    public Double max() { return max; }
    public Pattern pattern() { return pattern; }
    public List<String> enumValues() { return enumValues; }
    public boolean flattened() { return flattened; }
    public boolean isException() { return exception; }
    /** The error trait, or null when the model (and its overlay) gives none. */
    public ErrorTrait error() { return error; }
    public String timestampFormat() { return timestampFormat; }
    public boolean sensitive() { return sensitive; }
    /** A structure whose members are the events (and exceptions) of an event stream ({@code "eventstream": true}). */
    public boolean eventStream() { return eventStream; }

    /** REST protocols: the member that is the whole body ({@code "payload"}), or null when the body holds the members. */
    public String payload() { return payload; }
    /** A blob (or string) streamed rather than held ({@code "streaming": true}: S3's object bodies). */
    public boolean streaming() { return streaming; }
    /** The namespace the shape's element declares, or null. */
    public XmlNamespace xmlNamespace() { return xmlNamespace; }
    /**
     * The element name of the shape when it is a document's root (REST-XML): from the model, or from Wharf's overlay
     * for output shapes whose root AWS names without the model saying ({@code ListAllMyBucketsResult}); null when
     * neither names one.
     */
    public String locationName() { return locationName; }

    @Override
    public String toString() {
        return name + ":" + type;
    }
}
