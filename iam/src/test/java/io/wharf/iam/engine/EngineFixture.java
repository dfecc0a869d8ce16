package io.wharf.iam.engine;

import io.wharf.iam.AccountRoot;
import io.wharf.protocol.AwsException;
import io.wharf.storage.MemoryStore;
import io.wharf.storage.Store;
import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An engine on a memory store with a manual clock; account {@link #ACCOUNT} has root key {@link #ROOT_KEY}. */
abstract class EngineFixture {
    static final String ACCOUNT = "111122223333";
    static final String OTHER = "444455556666";
    static final String ROOT_KEY = "AKIAROOTKEYEXAMPLE01";
    static final String ROOT_SECRET = "root-secret";
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String ALLOW_SQS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"sqs:*\",\"Resource\":\"*\"}]}";

    final ManualClock clock = new ManualClock(1_700_000_000_000L);
    Store store = new MemoryStore();
    IamEngine engine = open();

    IamEngine open() {
        return new IamEngine(store, clock, List.of(new AccountRoot(ACCOUNT, ROOT_KEY, ROOT_SECRET)));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** The AWS error {@code call} fails with, checked for its code. */
    static AwsException error(String code, Runnable call) {
        AwsException[] caught = new AwsException[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            caught[0] = e;
            org.assertj.core.api.Assertions.assertThat(e.code()).as(e.toString()).isEqualTo(code);
        });
        return caught[0];
    }
}
