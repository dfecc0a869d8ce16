package io.wharf.protocol;

import io.wharf.protocol.model.Shape;
import io.wharf.protocol.model.ShapeType;

import java.util.List;
import java.util.function.Function;

/**
 * How AWS's Coral-based JSON services (Kinesis, KMS, Firehose) word model violations: one {@code ValidationException}
 * listing up to ten of them as {@code Value '<v>' at '<path>' failed to satisfy constraint: <c>} over lower-camel
 * member paths ({@code records.1.member.data}); values of the wrong JSON type are {@code SerializationException}s.
 * Each service supplies its own two error constructors (its error table's entries).
 */
public final class CoralValidation {
    private CoralValidation() {
    }

    /** Coral's wording of one violation: {@code 1 validation error detected: Value '<v>' at '<path>' failed …}. */
    public static String message(String path, Object value, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return "1 validation error detected: Value " + shown + " at '" + path + "' failed to satisfy constraint: "
                + constraint;
    }

    /** How Java's ByteBuffer prints itself: what AWS shows for a blob in a validation message. */
    public static String blobDisplay(int length) {
        return "java.nio.HeapByteBuffer[pos=0 lim=" + length + " cap=" + length + "]";
    }

    /**
     * The {@link ValidationErrors} of a Coral service.
     *
     * @param validation    its {@code ValidationException} with a message
     * @param serialization its {@code SerializationException} with a message
     */
    public static ValidationErrors errors(Function<String, AwsException> validation,
                                          Function<String, AwsException> serialization) {
        return new ValidationErrors() {
            @Override
            public AwsException missing(String path) {
                return validation.apply(message(memberPath(path), null, "Member must not be null"));
            }

            @Override
            public AwsException invalid(String path, Object value, Shape shape, String reason) {
                if (!reason.startsWith("Member must")) {
                    return serialization.apply("Value of " + memberPath(path) + " cannot be read: " + reason);
                }
                Object shown = value;
                if (shape.type() == ShapeType.BLOB && value instanceof com.fasterxml.jackson.databind.JsonNode node) {
                    try {
                        shown = blobDisplay(node.binaryValue().length);
                    } catch (java.io.IOException e) {
                        shown = node;
                    }
                }
                return validation.apply(message(memberPath(path), shown, reason));
            }

            @Override
            public AwsException malformed(String detail) {
                return serialization.apply(detail);
            }

            /** Coral lists up to ten violations in one ValidationException. */
            @Override
            public int maxReported() {
                return 10;
            }

            @Override
            public AwsException combine(List<AwsException> violations) {
                if (violations.size() == 1) {
                    return violations.get(0);
                }
                StringBuilder message = new StringBuilder(violations.size() + " validation errors detected: ");
                for (int i = 0; i < violations.size(); i++) {
                    message.append(i == 0 ? "" : "; ").append(violations.get(i).getMessage()
                            .replaceFirst("^1 validation error detected: ", ""));
                }
                return validation.apply(message.toString());
            }
        };
    }

    /**
     * The validator's path ({@code Records.1.Data}, {@code Tags.k}) in Coral's form: each member name lower-camel,
     * list indexes followed by {@code member}, the keys of a {@code Tags} map kept as they are.
     */
    public static String memberPath(String path) {
        String[] parts = path.split("\\.", -1);
        StringBuilder out = new StringBuilder();
        boolean mapKeyNext = false;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (out.length() > 0) {
                out.append('.');
            }
            if (mapKeyNext) {
                out.append(part).append(".member");
                mapKeyNext = false;
            } else if (!part.isEmpty() && part.chars().allMatch(Character::isDigit)) {
                out.append(part).append(".member");
            } else {
                out.append(part.isEmpty() ? part : Character.toLowerCase(part.charAt(0)) + part.substring(1));
                mapKeyNext = part.equals("Tags") && i + 1 < parts.length;
            }
        }
        return out.toString();
    }
}
