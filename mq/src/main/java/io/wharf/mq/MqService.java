package io.wharf.mq;

import io.wharf.mq.engine.MqEngine;
import io.wharf.mq.operations.CreateBroker;
import io.wharf.mq.operations.CreateConfiguration;
import io.wharf.mq.operations.CreateTags;
import io.wharf.mq.operations.CreateUser;
import io.wharf.mq.operations.DeleteBroker;
import io.wharf.mq.operations.DeleteConfiguration;
import io.wharf.mq.operations.DeleteTags;
import io.wharf.mq.operations.DeleteUser;
import io.wharf.mq.operations.DescribeBroker;
import io.wharf.mq.operations.DescribeBrokerEngineTypes;
import io.wharf.mq.operations.DescribeBrokerInstanceOptions;
import io.wharf.mq.operations.DescribeConfiguration;
import io.wharf.mq.operations.DescribeConfigurationRevision;
import io.wharf.mq.operations.DescribeUser;
import io.wharf.mq.operations.ListBrokers;
import io.wharf.mq.operations.ListConfigurationRevisions;
import io.wharf.mq.operations.ListConfigurations;
import io.wharf.mq.operations.ListTags;
import io.wharf.mq.operations.ListUsers;
import io.wharf.mq.operations.MqAccess;
import io.wharf.mq.operations.Promote;
import io.wharf.mq.operations.RebootBroker;
import io.wharf.mq.operations.UpdateBroker;
import io.wharf.mq.operations.UpdateConfiguration;
import io.wharf.mq.operations.UpdateUser;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.ValidationErrors;
import io.wharf.protocol.auth.AccessCheck;
import io.wharf.protocol.auth.Decision;
import io.wharf.protocol.model.ServiceModel;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Amazon MQ as an {@link AwsService} (REST-JSON, signing name {@code mq}): every operation of the model. */
public final class MqService implements AwsService {
    private final ServiceModel model = ServiceModel.fromClasspath("models/mq");
    private final MqEngine engine;
    private final Map<String, Operation> operations;

    MqService(MqEngine engine) {
        this.engine = engine;
        Map<String, Operation> ops = new TreeMap<>();
        ops.put("CreateBroker", new CreateBroker(engine));
        ops.put("CreateConfiguration", new CreateConfiguration(engine));
        ops.put("CreateTags", new CreateTags(engine));
        ops.put("CreateUser", new CreateUser(engine));
        ops.put("DeleteBroker", new DeleteBroker(engine));
        ops.put("DeleteConfiguration", new DeleteConfiguration(engine));
        ops.put("DeleteTags", new DeleteTags(engine));
        ops.put("DeleteUser", new DeleteUser(engine));
        ops.put("DescribeBroker", new DescribeBroker(engine));
        ops.put("DescribeBrokerEngineTypes", new DescribeBrokerEngineTypes(engine));
        ops.put("DescribeBrokerInstanceOptions", new DescribeBrokerInstanceOptions(engine));
        ops.put("DescribeConfiguration", new DescribeConfiguration(engine));
        ops.put("DescribeConfigurationRevision", new DescribeConfigurationRevision(engine));
        ops.put("DescribeUser", new DescribeUser(engine));
        ops.put("ListBrokers", new ListBrokers(engine));
        ops.put("ListConfigurationRevisions", new ListConfigurationRevisions(engine));
        ops.put("ListConfigurations", new ListConfigurations(engine));
        ops.put("ListTags", new ListTags(engine));
        ops.put("ListUsers", new ListUsers(engine));
        ops.put("Promote", new Promote(engine));
        ops.put("RebootBroker", new RebootBroker(engine));
        ops.put("UpdateBroker", new UpdateBroker(engine));
        ops.put("UpdateConfiguration", new UpdateConfiguration(engine));
        ops.put("UpdateUser", new UpdateUser(engine));
        this.operations = Map.copyOf(ops);
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
        return MqErrors.VALIDATION_ERRORS;
    }

    @Override
    public List<AccessCheck> accessChecks(String operation, Input input, RequestContext context) {
        return MqAccess.checks(operation, input, context, engine);
    }

    /** MQ's denial: ForbiddenException 403 with AWS's "User: … is not authorized to perform: …" message. */
    @Override
    public AwsException accessDenied(AccessCheck check, Decision decision, RequestContext context) {
        return MqErrors.FORBIDDEN.error(null, decision.message(context.principal(), check.action(),
                check.resourceArn()));
    }

    @Override
    public Map<String, String> resourceTags(String resourceArn) {
        return engine.tagsOf(resourceArn);
    }
}
