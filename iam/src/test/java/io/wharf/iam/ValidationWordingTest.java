package io.wharf.iam;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.Validator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** IAM words validation failures without the value, STS with it; both over Coral's member paths. */
class ValidationWordingTest {
    private static final ServiceModel IAM = ServiceModel.fromClasspath("models/iam");
    private static final ServiceModel STS = ServiceModel.fromClasspath("models/sts");

    private static AwsException validate(ServiceModel model, io.wharf.protocol.ValidationErrors errors,
                                         String operation, String json) throws Exception {
        ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(json);
        return catchThrowableOfType(AwsException.class, () -> new Validator(errors).validate(tree,
                model.operation(operation).orElseThrow().input()));
    }

    @Test
    void iamHidesTheValue() throws Exception {
        AwsException e = validate(IAM, IamErrors.VALIDATION, "CreateUser", "{\"UserName\":\"bad name\"}");
        assertThat(e.code()).isEqualTo("ValidationError");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("1 validation error detected: Value at 'userName' failed to satisfy "
                + "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        assertThat(validate(IAM, IamErrors.VALIDATION, "CreateUser", "{}").getMessage())
                .isEqualTo("1 validation error detected: Value at 'userName' failed to satisfy constraint: Member "
                        + "must not be null");
        assertThat(validate(IAM, IamErrors.VALIDATION, "CreateUser", "{\"UserName\":\"u\",\"Tags\":[{\"Key\":\"k\","
                + "\"Value\":\"" + "v".repeat(257) + "\"}]}").getMessage()).isEqualTo("1 validation error detected: "
                + "Value at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or "
                + "equal to 256");
        assertThat(validate(IAM, IamErrors.VALIDATION, "UpdateAccessKey", "{\"AccessKeyId\":\"AKIAAAAAAAAAAAAAAAAA\","
                + "\"Status\":\"Sleeping\"}").getMessage()).isEqualTo("1 validation error detected: Value at 'status' "
                + "failed to satisfy constraint: Member must satisfy enum value set");
        assertThat(validate(IAM, IamErrors.VALIDATION, "CreateUser", "{\"UserName\":\"bad name\",\"Path\":\"x\"}")
                .getMessage()).startsWith("2 validation errors detected: Value at 'userName' failed")
                .contains("; Value at 'path' failed");
    }

    @Test
    void stsShowsTheValue() throws Exception {
        assertThat(validate(STS, StsErrors.VALIDATION, "AssumeRole", "{\"RoleArn\":\"arn:aws:iam::111122223333:role/r\","
                + "\"RoleSessionName\":\"Session1:2\"}").getMessage()).isEqualTo("1 validation error detected: Value "
                + "'Session1:2' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular "
                + "expression pattern: [\\w+=,.@-]*");
        assertThat(validate(STS, StsErrors.VALIDATION, "AssumeRole", "{\"RoleSessionName\":\"s1\"}").getMessage())
                .isEqualTo("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void coralPaths() {
        assertThat(CoralPaths.of("UserName")).isEqualTo("userName");
        assertThat(CoralPaths.of("Tags.1.Key")).isEqualTo("tags.1.member.key");
        assertThat(CoralPaths.of("PolicyInputList.2")).isEqualTo("policyInputList.2.member");
    }
}
