package io.wharf.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.protocol.auth.AuditEvent;
import io.wharf.protocol.auth.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal ALICE = new Principal(Principal.Type.USER, "111122223333",
            "arn:aws:iam::111122223333:user/alice", "AIDAALICE", "alice", "AKIAALICE", null, null, Map.of());

    private static AuditEvent event(int n, String errorCode) {
        return new AuditEvent(Instant.parse("2026-06-01T12:00:00Z").plusSeconds(n), "req-" + n, ALICE, "AKIAALICE",
                "10.0.0.7", "aws-sdk-java/2", "sqs", "SendMessage", "eu-west-1",
                "arn:aws:sqs:eu-west-1:444455556666:q", errorCode == null, errorCode,
                errorCode == null ? null : "User: … is not authorized");
    }

    @Test
    void oneJsonLinePerCallWithCloudTrailsNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs/audit.log");
        try (AuditLog log = AuditLog.open(file.toString(), AuditLog.DEFAULT_MAX_BYTES, AuditLog.DEFAULT_KEEP)) {
            log.record(event(1, null));
            log.record(event(2, "AccessDenied"));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode allowed = JSON.readTree(lines.get(0));
        assertThat(allowed.path("eventTime").asText()).isEqualTo("2026-06-01T12:00:01Z");
        assertThat(allowed.path("eventSource").asText()).isEqualTo("sqs.amazonaws.com");
        assertThat(allowed.path("eventName").asText()).isEqualTo("SendMessage");
        assertThat(allowed.path("awsRegion").asText()).isEqualTo("eu-west-1");
        assertThat(allowed.path("sourceIPAddress").asText()).isEqualTo("10.0.0.7");
        assertThat(allowed.path("requestID").asText()).isEqualTo("req-1");
        assertThat(allowed.path("userIdentity").path("type").asText()).isEqualTo("IAMUser");
        assertThat(allowed.path("userIdentity").path("arn").asText()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(allowed.path("userIdentity").path("accountId").asText()).isEqualTo("111122223333");
        assertThat(allowed.path("userIdentity").path("accessKeyId").asText()).isEqualTo("AKIAALICE");
        assertThat(allowed.path("userIdentity").path("userName").asText()).isEqualTo("alice");
        assertThat(allowed.path("resources").get(0).path("ARN").asText()).isEqualTo("arn:aws:sqs:eu-west-1:444455556666:q");
        assertThat(allowed.path("recipientAccountId").asText()).isEqualTo("444455556666");
        assertThat(allowed.path("decision").asText()).isEqualTo("allow");
        assertThat(allowed.has("errorCode")).isFalse();

        JsonNode denied = JSON.readTree(lines.get(1));
        assertThat(denied.path("decision").asText()).isEqualTo("deny");
        assertThat(denied.path("errorCode").asText()).isEqualTo("AccessDenied");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void rotatesBySizeKeepingTheNewestFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.log");
        int lineLength = AuditRecords.line(event(0, null)).length() + 1;
        try (AuditLog log = AuditLog.open(file.toString(), lineLength * 3L, 2)) {
            for (int i = 0; i < 10; i++) {
                log.record(event(i, null));
            }
        }
        // 10 lines, 3 per file: audit.log.2 (lines 4-6), audit.log.1 (7-9), audit.log (10); lines 1-3 rotated away.
        assertThat(Files.readAllLines(file)).hasSize(1).allMatch(line -> line.contains("\"req-9\""));
        assertThat(Files.readAllLines(dir.resolve("audit.log.1"))).hasSize(3).first().asString().contains("\"req-6\"");
        assertThat(Files.readAllLines(dir.resolve("audit.log.2"))).hasSize(3).first().asString().contains("\"req-3\"");
        assertThat(dir.resolve("audit.log.3")).doesNotExist();
    }

    @Test
    void appendsToAnExistingFileAcrossRestarts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditLog log = AuditLog.open(file.toString(), AuditLog.DEFAULT_MAX_BYTES, AuditLog.DEFAULT_KEEP)) {
            log.record(event(1, null));
        }
        try (AuditLog log = AuditLog.open(file.toString(), AuditLog.DEFAULT_MAX_BYTES, AuditLog.DEFAULT_KEEP)) {
            log.record(event(2, null));
        }
        assertThat(Files.readAllLines(file)).hasSize(2);
    }
}
