package io.wharf.s3.operations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.AccessCheck;
import io.wharf.s3.EventTargets;
import io.wharf.s3.engine.S3Engine;
import io.wharf.storage.MemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What S3 actions are checked against: the resource and, above all, its account. */
class S3AccessTest {
    private static final String OWNER = "000000000000";
    private static final String OTHER = "111111111111";

    @TempDir
    Path dir;
    private S3Engine engine;

    @BeforeEach
    void start() {
        engine = new S3Engine(new MemoryStore(), Clock.systemUTC(), dir, EventTargets.NONE);
        engine.createBucket(OWNER, "us-east-1", "taken", null);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private static RequestContext caller(String account) {
        return new RequestContext("req", account, "us-east-1", "AKID", "localhost", "http", "/");
    }

    private List<AccessCheck> checks(String operation, String account) {
        Input in = new Input(JsonNodeFactory.instance.objectNode().put("Bucket", "taken").put("Key", "k"));
        return S3Access.checks(operation, in, caller(account), engine);
    }

    @Test
    void createBucketIsCheckedOnTheCallersOwnAccountEvenForATakenName() {
        assertThat(checks("CreateBucket", OTHER)).containsExactly(
                AccessCheck.of("s3:CreateBucket", "arn:aws:s3:::taken", OTHER));
    }

    @Test
    void otherBucketActionsAreCheckedOnTheOwnersAccount() {
        assertThat(checks("DeleteBucket", OTHER)).containsExactly(
                AccessCheck.of("s3:DeleteBucket", "arn:aws:s3:::taken", OWNER));
        assertThat(checks("PutObject", OTHER)).containsExactly(
                AccessCheck.of("s3:PutObject", "arn:aws:s3:::taken/k", OWNER));
    }
}
