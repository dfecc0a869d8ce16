package io.wharf.sqs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.sqs.engine.SqsEngine;
import io.wharf.sqs.engine.SqsLimits;
import io.wharf.sqs.operations.AddPermission;
import io.wharf.sqs.operations.CancelMessageMoveTask;
import io.wharf.sqs.operations.ChangeMessageVisibility;
import io.wharf.sqs.operations.ChangeMessageVisibilityBatch;
import io.wharf.sqs.operations.CreateQueue;
import io.wharf.sqs.operations.DeleteMessage;
import io.wharf.sqs.operations.DeleteMessageBatch;
import io.wharf.sqs.operations.DeleteQueue;
import io.wharf.sqs.operations.GetQueueAttributes;
import io.wharf.sqs.operations.GetQueueUrl;
import io.wharf.sqs.operations.ListDeadLetterSourceQueues;
import io.wharf.sqs.operations.ListMessageMoveTasks;
import io.wharf.sqs.operations.ListQueueTags;
import io.wharf.sqs.operations.ListQueues;
import io.wharf.sqs.operations.PurgeQueue;
import io.wharf.sqs.operations.ReceiveMessage;
import io.wharf.sqs.operations.RemovePermission;
import io.wharf.sqs.operations.SendMessage;
import io.wharf.sqs.operations.SendMessageBatch;
import io.wharf.sqs.operations.SetQueueAttributes;
import io.wharf.sqs.operations.StartMessageMoveTask;
import io.wharf.sqs.operations.TagQueue;
import io.wharf.sqs.operations.UntagQueue;
import io.wharf.storage.Store;
import io.wharf.storage.crypto.MasterKey;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Amazon SQS as an {@link AwsService}: the engine and one operation per action of the model. */
public final class SqsService implements AwsService, AutoCloseable {
    private static final java.util.regex.Pattern QUEUE_PATH =
            java.util.regex.Pattern.compile("/\\d{12}/[A-Za-z0-9_-]{1,80}(\\.fifo)?/?");

    /** Actions that do not address one queue: a queue-URL path must not fill a QueueUrl for them. */
    private static final Set<String> NOT_ON_A_QUEUE = Set.of("CreateQueue", "GetQueueUrl", "ListQueues",
            "StartMessageMoveTask", "CancelMessageMoveTask", "ListMessageMoveTasks");

    private static final ValidationErrors VALIDATION_ERRORS = new ValidationErrors() {
        /** SQS answers unknown attribute names itself (InvalidAttributeName), not as an enum violation. */
        @Override
        public boolean validateEnums() {
            return false;
        }

        @Override
        public io.wharf.protocol.AwsException missing(String path) {
            return SqsErrors.missingParameter(path);
        }

        @Override
        public io.wharf.protocol.AwsException invalid(String path, Object value,
                                                      io.wharf.protocol.model.Shape shape, String reason) {
            return SqsErrors.invalidParameter(path, value, reason + ".");
        }

        /** Attributes, tags, policies come back in Query XML answers: text XML cannot carry is refused. */
        @Override
        public boolean xmlSafeText() {
            return true;
        }

        /** The engine's own rule and wording (message bodies: InvalidMessageContents). */
        @Override
        public boolean ownCharacterRule(String member) {
            return OWN_CHARACTER_RULES.contains(member);
        }

        @Override
        public io.wharf.protocol.AwsException unwritableCharacter(String path, Object value,
                                                                  io.wharf.protocol.model.Shape shape) {
            String member = path.substring(path.lastIndexOf('.') + 1);
            if (path.contains("StringListValues")) {
                return null; // the engine's own rule and wording, as for the members of ownCharacterRule
            }
            if (path.startsWith("Attributes.")) {
                return SqsErrors.INVALID_ATTRIBUTE_VALUE.error("Invalid value for the parameter " + member + ".");
            }
            return SqsErrors.invalidParameter(path, value, "Member must satisfy regular expression pattern: "
                    + io.wharf.protocol.XmlText.PATTERN + ".");
        }
    };

    /**
     * Members the engine checks by a rule of its own that already excludes what XML cannot carry, with AWS's wording
     * for each (message bodies and attribute values, ids, queue names, receipt handles).
     */
    private static final Set<String> OWN_CHARACTER_RULES = Set.of("MessageBody", "StringValue", "MessageGroupId",
            "MessageDeduplicationId", "ReceiveRequestAttemptId", "QueueName", "Id", "Label", "ReceiptHandle");

    private final ServiceModel model = ServiceModel.fromClasspath("models/sqs");
    private final SqsEngine engine;
    private final Map<String, Operation> operations;

    private SqsService(SqsEngine engine) {
        this.engine = engine;
        Map<String, Operation> ops = new TreeMap<>();
        ops.put("CreateQueue", new CreateQueue(engine));
        ops.put("GetQueueUrl", new GetQueueUrl(engine));
        ops.put("ListQueues", new ListQueues(engine));
        ops.put("DeleteQueue", new DeleteQueue(engine));
        ops.put("GetQueueAttributes", new GetQueueAttributes(engine));
        ops.put("SetQueueAttributes", new SetQueueAttributes(engine));
        ops.put("PurgeQueue", new PurgeQueue(engine));
        ops.put("SendMessage", new SendMessage(engine));
        ops.put("SendMessageBatch", new SendMessageBatch(engine));
        ops.put("ReceiveMessage", new ReceiveMessage(engine));
        ops.put("DeleteMessage", new DeleteMessage(engine));
        ops.put("DeleteMessageBatch", new DeleteMessageBatch(engine));
        ops.put("ChangeMessageVisibility", new ChangeMessageVisibility(engine));
        ops.put("ChangeMessageVisibilityBatch", new ChangeMessageVisibilityBatch(engine));
        ops.put("TagQueue", new TagQueue(engine));
        ops.put("UntagQueue", new UntagQueue(engine));
        ops.put("ListQueueTags", new ListQueueTags(engine));
        ops.put("AddPermission", new AddPermission(engine));
        ops.put("RemovePermission", new RemovePermission(engine));
        ops.put("ListDeadLetterSourceQueues", new ListDeadLetterSourceQueues(engine));
        ops.put("StartMessageMoveTask", new StartMessageMoveTask(engine));
        ops.put("CancelMessageMoveTask", new CancelMessageMoveTask(engine));
        ops.put("ListMessageMoveTasks", new ListMessageMoveTasks(engine));
        this.operations = Map.copyOf(ops);
    }

    /**
     * @param store   where every state change is written before it is acknowledged
     * @param clock   the time source of every timer (visibility, delays, retention)
     * @param relaxed turn off AWS's waiting periods (QueueDeletedRecently, the 60 s purge interval)
     * @param masterKey wraps the receipt-handle secret in the store
     */
    public static SqsService create(Store store, Clock clock, boolean relaxed, MasterKey masterKey) {
        return new SqsService(new SqsEngine(store, clock, SqsLimits.of(relaxed), masterKey));
    }

    /**
     * A service that encrypts message contents at rest: SSE-KMS through {@code kms}, SSE-SQS with data keys
     * wrapped by {@code master}, which also wraps the receipt-handle secret; {@code limits} are AWS's
     * ({@link SqsLimits#of}) with the server's own settings.
     */
    public static SqsService create(Store store, Clock clock, SqsLimits limits, io.wharf.protocol.crypto.DataKeys kms,
                                    io.wharf.storage.crypto.MasterKey master) {
        return new SqsService(new SqsEngine(store, clock, limits, kms, master));
    }

    /** The engine behind the operations (for in-process callers such as SNS delivery). */
    public SqsEngine engine() {
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
        return VALIDATION_ERRORS;
    }

    /**
     * Legacy Query clients POST to the queue URL and may leave QueueUrl out: take it from the path then.
     * An action that is not about one queue, sent to a queue URL, is refused as AWS does.
     */
    @Override
    public void fromPath(String path, ObjectNode input, String operation, RequestContext context) {
        if (!claimsPath(path)) {
            return;
        }
        if (NOT_ON_A_QUEUE.contains(operation)) {
            throw new io.wharf.protocol.AwsException("InvalidAction", 400, true,
                    "The action " + operation + " is not valid for this endpoint.");
        }
        if (!input.hasNonNull("QueueUrl")) {
            input.put("QueueUrl", context.scheme() + "://" + context.host() + path);
        }
    }

    /** A queue URL path: {@code /<12-digit account>/<queue name>}. */
    @Override
    public boolean claimsPath(String path) {
        return path != null && QUEUE_PATH.matcher(path).matches();
    }

    @Override
    public java.util.List<io.wharf.protocol.auth.AccessCheck> accessChecks(String operation, io.wharf.protocol.Input input,
                                                                        RequestContext context) {
        return io.wharf.sqs.operations.SqsAccess.checks(operation, input, context);
    }

    @Override
    public String resourcePolicy(String resourceArn) {
        io.wharf.sqs.engine.QueueId queue = io.wharf.sqs.engine.QueueId.fromArn(resourceArn);
        return queue == null ? null : engine.queuePolicy(queue);
    }

    @Override
    public Map<String, String> resourceTags(String resourceArn) {
        io.wharf.sqs.engine.QueueId queue = io.wharf.sqs.engine.QueueId.fromArn(resourceArn);
        return queue == null ? Map.of() : engine.queueTags(queue);
    }

    /** SQS admits unsigned callers as anonymous where a queue policy grants {@code "*"}. */
    @Override
    public boolean anonymousByPolicy() {
        return true;
    }

    /** An unsigned request is refused as an anonymous caller: "Access to the resource &lt;url&gt; is denied." */
    @Override
    public io.wharf.protocol.AwsException authenticationError(io.wharf.protocol.auth.AuthException failure,
                                                             String requestUrl) {
        return io.wharf.protocol.AuthErrors.sqs(failure, requestUrl);
    }

    /**
     * A denied signed caller is told who was refused what (SQS names the action in lower case); an anonymous one only
     * that the resource (the URL it called) is denied.
     */
    @Override
    public io.wharf.protocol.AwsException accessDenied(io.wharf.protocol.auth.AccessCheck check,
                                                      io.wharf.protocol.auth.Decision decision,
                                                      RequestContext context) {
        if (context.principal().type() == io.wharf.protocol.auth.Principal.Type.ANONYMOUS) {
            return io.wharf.protocol.AuthErrors.sqsAccessDeniedTo(context.scheme() + "://" + context.host()
                    + context.path());
        }
        return io.wharf.protocol.AuthErrors.sqsAccessDenied(decision, context.principal(), check.action(),
                check.resourceArn());
    }

    @Override
    public void close() {
        engine.close();
    }
}
