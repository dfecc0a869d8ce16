package io.wharf.protocol.restxml;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.TestModels;
import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RestXmlEncoderTest {
    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static WireResponse encode(String operation, ObjectNode output, boolean head) {
        return RestXmlEncoder.encode(TestModels.S3.operation(operation).orElseThrow(), output, head, NS);
    }

    @Test
    void timestampsInEveryFormTheTreeMayHold() {
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("LastModified", "2026-12-03T07:00:00Z");
        assertThat(encode("HeadObject", out, true).headers()).containsEntry("Last-Modified",
                "Thu, 03 Dec 2026 07:00:00 GMT");
        out.put("LastModified", "not a date");
        assertThat(encode("HeadObject", out, true).headers()).containsEntry("Last-Modified", "not a date");
    }

    @Test
    void anAbsentOrEmptyOutputIsAnEmptyAnswer() {
        assertThat(encode("PutBucketTagging", null, false).body()).isEmpty();
        assertThat(encode("ListBuckets", JsonNodeFactory.instance.objectNode(), false).body()).isEmpty();
        assertThat(encode("GetObject", JsonNodeFactory.instance.objectNode(), false).stream()).isNull();
    }

    @Test
    void listsFollowTheirFlattenedTraitAndAttributesTheirs() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.putObject("Owner").put("ID", "o");
        var grant = out.putArray("Grants").addObject();
        grant.putObject("Grantee").put("Type", "CanonicalUser").put("ID", "o");
        grant.put("Permission", "FULL_CONTROL");
        String xml = new String(encode("GetBucketAcl", out, false).body(), StandardCharsets.UTF_8);
        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><AccessControlPolicy xmlns=\"" + NS
                + "\"><Owner><ID>o</ID></Owner><AccessControlList><Grant><Grantee "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\"><ID>o</ID>"
                + "</Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>");
    }
}
