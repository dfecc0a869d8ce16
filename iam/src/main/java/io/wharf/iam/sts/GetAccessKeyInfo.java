package io.wharf.iam.sts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.StsErrors;
import io.wharf.iam.engine.AccessKey;
import io.wharf.iam.engine.AccessKeyIds;
import io.wharf.iam.engine.IamEngine;
import io.wharf.protocol.Input;
import io.wharf.protocol.Operation;
import io.wharf.protocol.RequestContext;

/**
 * GetAccessKeyInfo: the account an access key belongs to — any key's, as AWS decodes it from the id itself (see
 * {@link AccessKeyIds}); keys Wharf knows whose ids are not in that layout (configured root keys) by lookup.
 */
public final class GetAccessKeyInfo implements Operation {
    private final IamEngine engine;

    public GetAccessKeyInfo(IamEngine engine) {
        this.engine = engine;
    }

    @Override
    public ObjectNode invoke(RequestContext ctx, Input input) {
        String keyId = input.string("AccessKeyId");
        AccessKey known = engine.accessKey(keyId);
        String account = known != null ? known.accountId() : AccessKeyIds.accountOf(keyId);
        if (account == null) {
            throw StsErrors.INVALID_PARAMETER_VALUE.error("The access key ID " + keyId + " is not valid.");
        }
        return JsonNodeFactory.instance.objectNode().put("Account", account);
    }
}
