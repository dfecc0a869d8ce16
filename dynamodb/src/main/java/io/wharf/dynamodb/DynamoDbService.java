package io.wharf.dynamodb;

import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.dynamodb.engine.Items;
import io.wharf.dynamodb.engine.Reads;
import io.wharf.dynamodb.operations.BatchGetItem;
import io.wharf.dynamodb.operations.BatchWriteItem;
import io.wharf.dynamodb.operations.CreateTable;
import io.wharf.dynamodb.operations.DeleteItem;
import io.wharf.dynamodb.operations.DeleteTable;
import io.wharf.dynamodb.operations.DescribeContinuousBackups;
import io.wharf.dynamodb.operations.DescribeEndpoints;
import io.wharf.dynamodb.operations.DescribeLimits;
import io.wharf.dynamodb.operations.DescribeTable;
import io.wharf.dynamodb.operations.DescribeTimeToLive;
import io.wharf.dynamodb.operations.DynamoDbAccess;
import io.wharf.dynamodb.operations.GetItem;
import io.wharf.dynamodb.operations.ListTables;
import io.wharf.dynamodb.operations.ListTagsOfResource;
import io.wharf.dynamodb.operations.PutItem;
import io.wharf.dynamodb.operations.Query;
import io.wharf.dynamodb.operations.Scan;
import io.wharf.dynamodb.operations.TagResource;
import io.wharf.dynamodb.operations.TransactGetItems;
import io.wharf.dynamodb.operations.TransactWriteItems;
import io.wharf.dynamodb.operations.UntagResource;
import io.wharf.dynamodb.operations.UpdateContinuousBackups;
import io.wharf.dynamodb.operations.UpdateItem;
import io.wharf.dynamodb.operations.UpdateTable;
import io.wharf.dynamodb.operations.UpdateTimeToLive;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.auth.AccessCheck;
import io.wharf.protocol.model.ServiceModel;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Amazon DynamoDB as an {@link AwsService} (JSON 1.0, target prefix {@code DynamoDB_20120810}): one operation per
 * implemented action. The model's other actions (backups, global tables, exports and imports, PartiQL, Kinesis
 * streaming destinations, resource policies, contributor insights) answer the gateway's {@code NotImplemented}.
 */
public final class DynamoDbService implements AwsService {
    private final ServiceModel model = ServiceModel.fromClasspath("models/dynamodb");
    private final DynamoDbEngine engine;
    private final Map<String, Operation> operations;

    DynamoDbService(DynamoDbEngine engine) {
        this.engine = engine;
        Items items = new Items(engine);
        Reads reads = new Reads(engine);
        Map<String, Operation> ops = new TreeMap<>();
        ops.put("BatchGetItem", new BatchGetItem(items));
        ops.put("BatchWriteItem", new BatchWriteItem(items));
        ops.put("CreateTable", new CreateTable(engine));
        ops.put("DeleteItem", new DeleteItem(items));
        ops.put("DeleteTable", new DeleteTable(engine));
        ops.put("DescribeContinuousBackups", new DescribeContinuousBackups(engine));
        ops.put("DescribeEndpoints", new DescribeEndpoints(engine));
        ops.put("DescribeLimits", new DescribeLimits(engine));
        ops.put("DescribeTable", new DescribeTable(engine));
        ops.put("DescribeTimeToLive", new DescribeTimeToLive(engine));
        ops.put("GetItem", new GetItem(items));
        ops.put("ListTables", new ListTables(engine));
        ops.put("ListTagsOfResource", new ListTagsOfResource(engine));
        ops.put("PutItem", new PutItem(items));
        ops.put("Query", new Query(reads, items));
        ops.put("Scan", new Scan(reads));
        ops.put("TagResource", new TagResource(engine));
        ops.put("TransactGetItems", new TransactGetItems(items));
        ops.put("TransactWriteItems", new TransactWriteItems(items));
        ops.put("UntagResource", new UntagResource(engine));
        ops.put("UpdateContinuousBackups", new UpdateContinuousBackups(engine));
        ops.put("UpdateItem", new UpdateItem(items));
        ops.put("UpdateTable", new UpdateTable(engine));
        ops.put("UpdateTimeToLive", new UpdateTimeToLive(engine));
        this.operations = Map.copyOf(ops);
    }

    public DynamoDbEngine engine() {
        return engine;
    }

    @Override
    public ServiceModel model() {
        return model;
    }

    @Override
    public Map<String, Operation> operations() {
        return operations;
    }

    @Override
    public ValidationErrors validationErrors() {
        return DynamoDbErrors.VALIDATION_ERRORS;
    }

    @Override
    public List<AccessCheck> accessChecks(String operation, Input input, RequestContext context) {
        return DynamoDbAccess.checks(operation, input, context);
    }

    /**
     * DynamoDB's {@code __type} carries the namespace: {@code com.amazonaws.dynamodb.v20120810#<Error>} (a type that
     * already names one, such as an authentication error's, is left as it is).
     */
    @Override
    public String jsonErrorType(io.wharf.protocol.AwsException error) {
        return error.type().contains("#") ? error.type() : DynamoDbErrors.NAMESPACE + error.type();
    }

    @Override
    public Map<String, String> resourceTags(String resourceArn) {
        return engine.tagsOrEmpty(resourceArn);
    }
}
