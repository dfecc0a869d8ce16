package io.wharf.iam;

import io.wharf.iam.engine.EntityKind;
import io.wharf.protocol.auth.AccessRequest;
import io.wharf.protocol.auth.Decision;
import io.wharf.protocol.auth.Principal;
import io.wharf.storage.MemoryStore;
import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The access control decides by the policies IAM holds for the caller. */
class IamAccessControlTest {
    private static final String ACCOUNT = "111122223333";
    private final MemoryStore store = new MemoryStore();
    private final IamModule module = IamModule.create(store, new ManualClock(0),
            List.of(new AccountRoot(ACCOUNT, "AKIAROOTKEYEXAMPLE01", "secret")));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aUsersInlineAndGroupPoliciesDecide() {
        module.engine().users().create(ACCOUNT, "u", null, List.of());
        module.engine().groups().create(ACCOUNT, "g", null);
        module.engine().groups().addUser(ACCOUNT, "g", "u");
        module.engine().inlinePolicies().put(ACCOUNT, EntityKind.USER, "u", "send", "{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}");
        module.engine().attachments().attach(ACCOUNT, EntityKind.GROUP, "g", "arn:aws:iam::aws:policy/AmazonSNSFullAccess");
        String key = module.engine().accessKeys().create(ACCOUNT, "u").key().accessKeyId();
        Principal user = module.credentials().find(key, null, java.time.Instant.EPOCH).principal();
        String queue = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":q";
        assertThat(module.accessControl().authorize(new AccessRequest(user, "sqs:SendMessage", queue, ACCOUNT, null,
                Map.of()))).isEqualTo(Decision.ALLOW);
        assertThat(module.accessControl().authorize(new AccessRequest(user, "sns:Publish", "*", null, null,
                Map.of()))).isEqualTo(Decision.ALLOW);
        assertThat(module.accessControl().authorize(new AccessRequest(user, "sqs:DeleteQueue", queue, ACCOUNT, null,
                Map.of()))).isEqualTo(Decision.NO_IDENTITY_ALLOW);
    }
}
