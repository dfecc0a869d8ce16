package io.wharf.protocol.model;

/** The shape types of the botocore model language. */
public enum ShapeType {
    STRUCTURE, LIST, MAP, STRING, INTEGER, LONG, BOOLEAN, BLOB, TIMESTAMP, DOUBLE, FLOAT;

    static ShapeType of(String type) {
        return switch (type) {
            case "structure" -> STRUCTURE;
            case "list" -> LIST;
            case "map" -> MAP;
            case "string" -> STRING;
            case "integer" -> INTEGER;
            case "long" -> LONG;
            case "boolean" -> BOOLEAN;
            case "blob" -> BLOB;
            case "timestamp" -> TIMESTAMP;
            case "double" -> DOUBLE;
            case "float" -> FLOAT;
            default -> throw new IllegalArgumentException("unknown shape type " + type);
        };
    }

    public boolean isScalar() {
        return this != STRUCTURE && this != LIST && this != MAP;
    }
}
