package io.wharf.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.model.ServiceModel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** An error's structured members ({@link AwsException#withMember}) follow its message, blobs in their wire form. */
class JsonErrorMembersTest {

    @Test
    void membersAreWrittenThroughTheErrorShape() throws Exception {
        ServiceModel model = ServiceModel.fromClasspath("models/dynamodb");
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.putObject("pk").put("S", "a");
        item.putObject("b").put("B", new byte[]{1, 2, 3});
        AwsException error = AwsException.client("ConditionalCheckFailedException", "The conditional request failed")
                .withMember("Item", item);
        byte[] body = JsonEncoder.error("ns#ConditionalCheckFailedException", error.getMessage(), error.members(),
                model.shape("ConditionalCheckFailedException"), JsonFormat.JSON);
        JsonNode written = new ObjectMapper().readTree(new String(body, StandardCharsets.UTF_8));
        assertThat(written.get("__type").asText()).isEqualTo("ns#ConditionalCheckFailedException");
        assertThat(written.get("message").asText()).isEqualTo("The conditional request failed");
        assertThat(written.at("/Item/pk/S").asText()).isEqualTo("a");
        assertThat(written.at("/Item/b/B").asText()).isEqualTo("AQID");
    }

    @Test
    void anErrorWithoutMembersIsUnchanged() {
        assertThat(AwsException.client("X", "m").members()).isEmpty();
        assertThat(new String(JsonEncoder.error("X", "m", JsonFormat.JSON), StandardCharsets.UTF_8))
                .isEqualTo("{\"__type\":\"X\",\"message\":\"m\"}");
    }
}
