package io.wharf.protocol;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.fuzz.FuzzInput;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.query.QueryDecoder;
import io.wharf.protocol.query.QueryEncoding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS Query requests (SQS's legacy protocol, SNS): the form body through {@code FormDecoder}, then
 * {@code QueryDecoder} and the model's {@code Validator} for the SQS or SNS operation named by the first line.
 * Only AwsExceptions; a valid tree survives the reference Query encoder → decode → validate unchanged.
 * Input: operation name, newline, form body ({@code a=1&b.member.1=x}).
 */
class QueryFuzzTest {
    private static final List<OperationModel> OPERATIONS = new ArrayList<>();
    private static final List<ServiceModel> MODELS = new ArrayList<>();
    private static final List<String> NAMES = new ArrayList<>();

    static {
        for (ServiceModel model : List.of(TestModels.SQS, TestModels.SNS)) {
            model.operations().stream().sorted(Comparator.comparing(OperationModel::name)).forEach(operation -> {
                OPERATIONS.add(operation);
                MODELS.add(model);
                NAMES.add(operation.name());
            });
        }
    }

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"Attribute.1.Name=", "Attribute.1.Value=", ".member.", ".entry.", ".key=", ".value=",
            "MessageAttribute.1.Value.DataType=", "Tags.member.1.Key=", "%", "%ZZ", "&", "="})
    void decodeAndValidate(byte[] input) {
        FuzzInput fuzz = new FuzzInput(input);
        int index = OPERATIONS.indexOf(FuzzInput.pick(OPERATIONS, NAMES, fuzz.selector()));
        OperationModel operation = OPERATIONS.get(index);
        String body = new String(fuzz.body(), StandardCharsets.UTF_8);
        ObjectNode tree;
        try {
            Map<String, String> params = new LinkedHashMap<>();
            FormDecoder.decode(body, params);
            tree = new Validator(ValidationErrors.DEFAULT).validate(
                    QueryDecoder.decode(params, operation.input(), ValidationErrors.DEFAULT), operation.input());
        } catch (AwsException expected) {
            return;
        }
        if (hasEmptyContainer(tree)) {
            // An empty list or map has no Query form of its own ("Tags=", "Tags.member.x=" decode as one): the law
            // holds for trees without them.
            return;
        }
        Map<String, String> encoded = QueryEncoding.encode(operation, MODELS.get(index).apiVersion(), tree);
        ObjectNode again;
        try {
            again = new Validator(ValidationErrors.DEFAULT).validate(
                    QueryDecoder.decode(encoded, operation.input(), ValidationErrors.DEFAULT), operation.input());
        } catch (AwsException e) {
            throw new AssertionError("a valid tree failed after its round trip, " + operation.name() + ":\n  decoded "
                    + tree + "\n  params  " + encoded, e);
        }
        if (!again.equals(tree)) {
            throw new AssertionError("round trip changed the tree for " + operation.name() + ":\n  decoded " + tree
                    + "\n  params  " + encoded + "\n  again   " + again);
        }
    }

    private static boolean hasEmptyContainer(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.isContainerNode() && node.isEmpty()) {
            return true;
        }
        for (com.fasterxml.jackson.databind.JsonNode child : node) {
            if (hasEmptyContainer(child)) {
                return true;
            }
        }
        return false;
    }
}
