package io.wharf.protocol.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.TestModels;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.Validator;
import io.wharf.protocol.json.JsonDecoder;
import io.wharf.protocol.json.JsonEncoder;
import io.wharf.protocol.json.JsonFormat;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.model.ShapeType;
import io.wharf.protocol.model.Member;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The property the JSON and CBOR targets check: a body decoded and validated against an operation's input shape
 * either fails with an {@link AwsException} or yields a tree that survives encode → decode → validate unchanged.
 */
final class JsonProperty {
    /** Every JSON-protocol operation Wharf serves (SQS's JSON 1.0, Kinesis's JSON 1.1 / CBOR), by name. */
    static final List<OperationModel> OPERATIONS = new ArrayList<>();
    static final List<String> NAMES = new ArrayList<>();

    static {
        List<OperationModel> all = new ArrayList<>(TestModels.SQS.operations());
        all.addAll(TestModels.KINESIS.operations());
        all.sort(Comparator.comparing(OperationModel::name));
        for (OperationModel operation : all) {
            OPERATIONS.add(operation);
            NAMES.add(operation.name());
        }
    }

    /** Coral's style (up to ten violations combined) and SQS's (the first one), so both paths are fuzzed. */
    private static final ValidationErrors COMBINING = new ValidationErrors() {
        @Override
        public AwsException missing(String path) {
            return ValidationErrors.DEFAULT.missing(path);
        }

        @Override
        public AwsException invalid(String path, Object value, Shape shape, String reason) {
            return ValidationErrors.DEFAULT.invalid(path, value, shape, reason);
        }

        @Override
        public int maxReported() {
            return 10;
        }

        @Override
        public AwsException combine(List<AwsException> violations) {
            return AwsException.client("ValidationException", violations.size() + " validation errors detected");
        }
    };

    private JsonProperty() {
    }

    /** Input: the operation's name, a newline, the body. */
    static void check(byte[] input, JsonFormat format) {
        FuzzInput fuzz = new FuzzInput(input);
        OperationModel operation = FuzzInput.pick(OPERATIONS, NAMES, fuzz.selector());
        byte[] body = fuzz.body();
        ValidationErrors errors = (body.length & 1) == 0 ? ValidationErrors.DEFAULT : COMBINING;
        ObjectNode tree;
        try {
            tree = new Validator(errors, format.timestampsInMillis(), true)
                    .validate(JsonDecoder.parse(body, format, errors), operation.input());
        } catch (AwsException expected) {
            return;
        }
        if (!roundTrips(tree, operation.input())) {
            return;
        }
        byte[] encoded = JsonEncoder.encode(tree.deepCopy(), operation.input(), format);
        ObjectNode again = new Validator(errors, format.timestampsInMillis(), true)
                .validate(JsonDecoder.parse(encoded, format, errors), operation.input());
        if (!again.equals(tree)) {
            throw new AssertionError("round trip changed the tree for " + operation.name() + ":\n  decoded "
                    + tree + "\n  again   " + again);
        }
    }

    /**
     * Whether the law applies: timestamps outside years 1–9999 are not promised to survive JSON's seconds-with-a-
     * fraction form (a double past 15 significant digits), which no SDK sends.
     */
    private static boolean roundTrips(JsonNode value, Shape shape) {
        if (shape == null || value == null || value.isNull()) {
            return true;
        }
        return switch (shape.type()) {
            case STRUCTURE -> {
                for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) value::fields) {
                    Member member = shape.member(field.getKey());
                    if (member != null && !roundTrips(field.getValue(), member.shape())) {
                        yield false;
                    }
                }
                yield true;
            }
            case LIST -> {
                for (JsonNode element : value) {
                    if (!roundTrips(element, shape.listMember().shape())) {
                        yield false;
                    }
                }
                yield true;
            }
            case MAP -> {
                for (JsonNode element : value) {
                    if (!roundTrips(element, shape.mapValue().shape())) {
                        yield false;
                    }
                }
                yield true;
            }
            case TIMESTAMP -> value.asLong() >= -62_135_596_800_000L && value.asLong() <= 253_402_300_799_999L;
            default -> shape.type() != ShapeType.TIMESTAMP;
        };
    }
}
