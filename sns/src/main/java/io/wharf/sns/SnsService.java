package io.wharf.sns;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.Operation;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.model.Shape;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.sns.engine.SnsEngine;
import io.wharf.sns.engine.SnsLimits;
import io.wharf.sns.operations.AddPermission;
import io.wharf.sns.operations.CheckIfPhoneNumberIsOptedOut;
import io.wharf.sns.operations.ConfirmSubscription;
import io.wharf.sns.operations.CreatePlatformApplication;
import io.wharf.sns.operations.CreatePlatformEndpoint;
import io.wharf.sns.operations.CreateSMSSandboxPhoneNumber;
import io.wharf.sns.operations.CreateTopic;
import io.wharf.sns.operations.DeleteEndpoint;
import io.wharf.sns.operations.DeletePlatformApplication;
import io.wharf.sns.operations.DeleteSMSSandboxPhoneNumber;
import io.wharf.sns.operations.DeleteTopic;
import io.wharf.sns.operations.GetDataProtectionPolicy;
import io.wharf.sns.operations.GetEndpointAttributes;
import io.wharf.sns.operations.GetPlatformApplicationAttributes;
import io.wharf.sns.operations.GetSMSAttributes;
import io.wharf.sns.operations.GetSMSSandboxAccountStatus;
import io.wharf.sns.operations.GetSubscriptionAttributes;
import io.wharf.sns.operations.GetTopicAttributes;
import io.wharf.sns.operations.ListEndpointsByPlatformApplication;
import io.wharf.sns.operations.ListOriginationNumbers;
import io.wharf.sns.operations.ListPhoneNumbersOptedOut;
import io.wharf.sns.operations.ListPlatformApplications;
import io.wharf.sns.operations.ListSMSSandboxPhoneNumbers;
import io.wharf.sns.operations.ListSubscriptions;
import io.wharf.sns.operations.ListSubscriptionsByTopic;
import io.wharf.sns.operations.ListTagsForResource;
import io.wharf.sns.operations.ListTopics;
import io.wharf.sns.operations.OptInPhoneNumber;
import io.wharf.sns.operations.Publish;
import io.wharf.sns.operations.PublishBatch;
import io.wharf.sns.operations.PutDataProtectionPolicy;
import io.wharf.sns.operations.RemovePermission;
import io.wharf.sns.operations.SetEndpointAttributes;
import io.wharf.sns.operations.SetPlatformApplicationAttributes;
import io.wharf.sns.operations.SetSMSAttributes;
import io.wharf.sns.operations.SetSubscriptionAttributes;
import io.wharf.sns.operations.SetTopicAttributes;
import io.wharf.sns.operations.Subscribe;
import io.wharf.sns.operations.TagResource;
import io.wharf.sns.operations.Unsubscribe;
import io.wharf.sns.operations.UntagResource;
import io.wharf.sns.operations.VerifySMSSandboxPhoneNumber;
import io.wharf.storage.Store;
import io.wharf.storage.crypto.MasterKey;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/** Amazon SNS as an {@link AwsService}: the engine and one operation per action of the model. */
public final class SnsService implements AwsService, AutoCloseable {

    /**
     * SNS words a missing member as AWS's generic validation does ({@code ValidationError}, "Value null at
     * 'topicArn'..."), and any other constraint break as its usual "Invalid parameter: X".
     */
    private static final ValidationErrors VALIDATION_ERRORS = new ValidationErrors() {
        @Override
        public AwsException missing(String path) {
            return SnsErrors.VALIDATION_ERROR.error("1 validation error detected: Value null at '" + lowerFirst(path)
                    + "' failed to satisfy constraint: Member must not be null");
        }

        @Override
        public AwsException invalid(String path, Object value, Shape shape, String reason) {
            return SnsErrors.invalidParameter(path + " Reason: " + reason);
        }

        /** Attributes, tags, endpoints come back in Query XML answers: text XML cannot carry is refused. */
        @Override
        public boolean xmlSafeText() {
            return true;
        }

        /** Publish's own rules and wording; the message is never echoed in an answer. */
        @Override
        public boolean ownCharacterRule(String member) {
            return OWN_CHARACTER_RULES.contains(member);
        }

        @Override
        public AwsException unwritableCharacter(String path, Object value, Shape shape) {
            if (path.startsWith("MessageAttributes") || path.contains(".MessageAttributes")) {
                return null; // Publish's own rules and wording, and the message is never echoed in an answer
            }
            return SnsErrors.invalidParameter(path + " Reason: Member must satisfy regular expression pattern: "
                    + io.wharf.protocol.XmlText.PATTERN);
        }
    };

    /** Publish's members, checked by its own rules ({@code MessageValidation}) and delivered, never answered. */
    private static final java.util.Set<String> OWN_CHARACTER_RULES = java.util.Set.of("Message", "Subject",
            "MessageGroupId", "MessageDeduplicationId", "MessageStructure");

    private final ServiceModel model = ServiceModel.fromClasspath("models/sns");
    private final SnsEngine engine;
    private final Map<String, Operation> operations;

    private SnsService(SnsEngine engine) {
        this.engine = engine;
        Map<String, Operation> ops = new TreeMap<>();
        ops.put("AddPermission", new AddPermission(engine));
        ops.put("CheckIfPhoneNumberIsOptedOut", new CheckIfPhoneNumberIsOptedOut(engine));
        ops.put("ConfirmSubscription", new ConfirmSubscription(engine));
        ops.put("CreatePlatformApplication", new CreatePlatformApplication(engine));
        ops.put("CreatePlatformEndpoint", new CreatePlatformEndpoint(engine));
        ops.put("CreateSMSSandboxPhoneNumber", new CreateSMSSandboxPhoneNumber(engine));
        ops.put("CreateTopic", new CreateTopic(engine));
        ops.put("DeleteEndpoint", new DeleteEndpoint(engine));
        ops.put("DeletePlatformApplication", new DeletePlatformApplication(engine));
        ops.put("DeleteSMSSandboxPhoneNumber", new DeleteSMSSandboxPhoneNumber(engine));
        ops.put("DeleteTopic", new DeleteTopic(engine));
        ops.put("GetDataProtectionPolicy", new GetDataProtectionPolicy(engine));
        ops.put("GetEndpointAttributes", new GetEndpointAttributes(engine));
        ops.put("GetPlatformApplicationAttributes", new GetPlatformApplicationAttributes(engine));
        ops.put("GetSMSAttributes", new GetSMSAttributes(engine));
        ops.put("GetSMSSandboxAccountStatus", new GetSMSSandboxAccountStatus(engine));
        ops.put("GetSubscriptionAttributes", new GetSubscriptionAttributes(engine));
        ops.put("GetTopicAttributes", new GetTopicAttributes(engine));
        ops.put("ListEndpointsByPlatformApplication", new ListEndpointsByPlatformApplication(engine));
        ops.put("ListOriginationNumbers", new ListOriginationNumbers(engine));
        ops.put("ListPhoneNumbersOptedOut", new ListPhoneNumbersOptedOut(engine));
        ops.put("ListPlatformApplications", new ListPlatformApplications(engine));
        ops.put("ListSMSSandboxPhoneNumbers", new ListSMSSandboxPhoneNumbers(engine));
        ops.put("ListSubscriptions", new ListSubscriptions(engine));
        ops.put("ListSubscriptionsByTopic", new ListSubscriptionsByTopic(engine));
        ops.put("ListTagsForResource", new ListTagsForResource(engine));
        ops.put("ListTopics", new ListTopics(engine));
        ops.put("OptInPhoneNumber", new OptInPhoneNumber(engine));
        ops.put("Publish", new Publish(engine));
        ops.put("PublishBatch", new PublishBatch(engine));
        ops.put("PutDataProtectionPolicy", new PutDataProtectionPolicy(engine));
        ops.put("RemovePermission", new RemovePermission(engine));
        ops.put("SetEndpointAttributes", new SetEndpointAttributes(engine));
        ops.put("SetPlatformApplicationAttributes", new SetPlatformApplicationAttributes(engine));
        ops.put("SetSMSAttributes", new SetSMSAttributes(engine));
        ops.put("SetSubscriptionAttributes", new SetSubscriptionAttributes(engine));
        ops.put("SetTopicAttributes", new SetTopicAttributes(engine));
        ops.put("Subscribe", new Subscribe(engine));
        ops.put("TagResource", new TagResource(engine));
        ops.put("Unsubscribe", new Unsubscribe(engine));
        ops.put("UntagResource", new UntagResource(engine));
        ops.put("VerifySMSSandboxPhoneNumber", new VerifySMSSandboxPhoneNumber(engine));
        this.operations = Map.copyOf(ops);
    }

    /**
     * @param store where every change is written before it is acknowledged, the delivery outbox included
     * @param clock the time source (timestamps, FIFO deduplication window, sequence numbers)
     * @param sqs   how messages reach SQS subscriptions
     * @param masterKey wraps the signing key in the store
     */
    public static SnsService create(Store store, Clock clock, SqsDelivery sqs, MasterKey masterKey) {
        return create(store, clock, sqs, SnsLimits.AWS, masterKey);
    }

    public static SnsService create(Store store, Clock clock, SqsDelivery sqs, SnsLimits limits,
                                    MasterKey masterKey) {
        return create(store, clock, sqs, limits, SmtpSettings.NONE, DeliveryTargets.ALLOW_ALL, masterKey);
    }

    /**
     * @param smtp    the mail server for email and email-json subscriptions
     * @param targets which HTTP/S endpoints and mail addresses may be subscribed and delivered to (the SSRF
     *                gate); the overloads without it allow every target
     * @param masterKey wraps the signing key in the store
     */
    public static SnsService create(Store store, Clock clock, SqsDelivery sqs, SnsLimits limits, SmtpSettings smtp,
                                    DeliveryTargets targets, MasterKey masterKey) {
        return new SnsService(new SnsEngine(store, clock, sqs, limits, smtp, targets, masterKey));
    }

    /** As above, with the KMS that topics with a {@code KmsMasterKeyId} seal their stored messages with. */
    public static SnsService create(Store store, Clock clock, SqsDelivery sqs, SnsLimits limits, SmtpSettings smtp,
                                    DeliveryTargets targets, MasterKey masterKey,
                                    io.wharf.protocol.crypto.DataKeys kms) {
        return new SnsService(new SnsEngine(store, clock, sqs, limits, smtp, targets, masterKey, kms));
    }

    /** As above, with how {@code firehose} subscriptions reach their delivery streams. */
    public static SnsService create(Store store, Clock clock, SqsDelivery sqs, SnsLimits limits, SmtpSettings smtp,
                                    DeliveryTargets targets, MasterKey masterKey,
                                    io.wharf.protocol.crypto.DataKeys kms, FirehoseDelivery firehose) {
        return new SnsService(new SnsEngine(store, clock, sqs, limits, smtp, targets, masterKey, kms, firehose));
    }

    /** The signing certificate, at the path its SigningCertURL names; anything else is not ours. */
    @Override
    public WireResponse document(WireRequest request) {
        String name = engine.signingKey().certificateName();
        if (request.path().length() == name.length() + 1 && request.path().endsWith(name)) {
            return WireResponse.of(200, "application/x-x509-ca-cert", engine.signingKey().pem());
        }
        return null;
    }

    public SnsEngine engine() {
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

    private static String lowerFirst(String path) {
        return path.isEmpty() ? path : Character.toLowerCase(path.charAt(0)) + path.substring(1);
    }

    @Override
    public java.util.List<io.wharf.protocol.auth.AccessCheck> accessChecks(String operation, io.wharf.protocol.Input input,
                                                                        io.wharf.protocol.RequestContext context) {
        if (operation.equals("Unsubscribe") && context.principal().type() == io.wharf.protocol.auth.Principal.Type.ANONYMOUS
                && !engine.subscriptions().unsubscribeNeedsAuthentication(input.string("SubscriptionArn"))) {
            return java.util.List.of(); // the UnsubscribeURL: knowing the subscription's ARN is the proof, as on AWS
        }
        return io.wharf.sns.operations.SnsAccess.checks(operation, input, context);
    }

    /** The topic's {@code Policy}; null for anything else or a topic that does not exist. */
    @Override
    public String resourcePolicy(String resourceArn) {
        return engine.topicPolicy(resourceArn);
    }

    @Override
    public Map<String, String> resourceTags(String resourceArn) {
        return engine.resourceTags(resourceArn);
    }

    /** The confirmation and unsubscribe links SNS sends work without credentials, as on AWS. */
    @Override
    public boolean allowsAnonymous(String operation) {
        return operation.equals("ConfirmSubscription") || operation.equals("Unsubscribe");
    }

    @Override
    public AwsException authenticationError(io.wharf.protocol.auth.AuthException failure, String requestUrl) {
        return io.wharf.protocol.AuthErrors.sns(failure);
    }

    @Override
    public AwsException accessDenied(io.wharf.protocol.auth.AccessCheck check, io.wharf.protocol.auth.Decision decision,
                                     io.wharf.protocol.RequestContext context) {
        return io.wharf.protocol.AuthErrors.snsAuthorizationError(decision, context.principal(), check.action(),
                check.resourceArn());
    }

    @Override
    public void close() {
        engine.close();
    }
}
