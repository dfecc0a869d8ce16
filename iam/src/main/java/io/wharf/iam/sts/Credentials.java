package io.wharf.iam.sts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Credentials structure STS answers with. */
final class Credentials {
    private Credentials() {
    }

    static ObjectNode of(io.wharf.iam.engine.Credentials c) {
        return JsonNodeFactory.instance.objectNode().put("AccessKeyId", c.accessKeyId())
                .put("SecretAccessKey", c.secretAccessKey()).put("SessionToken", c.sessionToken())
                .put("Expiration", c.expiration().toEpochMilli());
    }
}
