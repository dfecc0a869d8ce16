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

    @Override
    public String toString() {
        return name + ":" + type;
    }
}
