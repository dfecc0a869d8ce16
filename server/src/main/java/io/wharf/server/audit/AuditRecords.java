package io.wharf.server.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.protocol.auth.AuditEvent;
import io.wharf.protocol.auth.Principal;

/**
 * One audit record as JSON, in CloudTrail's vocabulary where it has a word for the fact ({@code eventTime},
 * {@code eventSource}, {@code eventName}, {@code awsRegion}, {@code sourceIPAddress}, {@code userAgent},
 * {@code requestID}, {@code userIdentity}, {@code errorCode}, {@code errorMessage}, {@code resources},
 * {@code recipientAccountId}), plus Wharf's {@code decision}: {@code allow} or {@code deny} (authentication failed or
 * a policy denied).
 */
final class AuditRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditRecords() {
    }

    static String line(AuditEvent e) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "1.08");
        record.put("eventTime", e.time().toString());
        record.put("eventSource", e.service() == null ? (String) null : e.service() + ".amazonaws.com");
        record.put("eventName", e.action());
        record.put("awsRegion", e.region());
        record.put("sourceIPAddress", e.sourceIp());
        record.put("userAgent", e.userAgent());
        record.put("requestID", e.requestId());
        record.put("eventType", "AwsApiCall");
        ObjectNode identity = record.putObject("userIdentity");
        Principal p = e.principal();
        identity.put("type", switch (p.type()) {
            case ROOT -> "Root";
            case USER -> "IAMUser";
            case ASSUMED_ROLE -> "AssumedRole";
            case FEDERATED_USER -> "FederatedUser";
            case SERVICE -> "AWSService";
            case ANONYMOUS -> "Anonymous";
        });
        identity.put("principalId", p.userId());
        identity.put("arn", p.arn());
        identity.put("accountId", p.accountId());
        identity.put("accessKeyId", e.accessKeyId());
        if (p.type() == Principal.Type.USER) {
            identity.put("userName", p.name());
        }
        if (e.resourceArn() != null) {
            ObjectNode resource = record.putArray("resources").addObject();
            resource.put("ARN", e.resourceArn());
            String[] parts = e.resourceArn().split(":", 6);
            if (parts.length > 4 && !parts[4].isEmpty()) {
                resource.put("accountId", parts[4]);
                record.put("recipientAccountId", parts[4]);
            }
        }
        if (!record.has("recipientAccountId") && p.accountId() != null) {
            record.put("recipientAccountId", p.accountId());
        }
        record.put("decision", e.allowed() ? "allow" : "deny");
        if (e.errorCode() != null) {
            record.put("errorCode", e.errorCode());
            record.put("errorMessage", firstParagraph(e.errorMessage()));
        }
        return record.toString();
    }

    /**
     * A signature mismatch's message goes on with the canonical request and string to sign, which hold every signed
     * header's value (a session token among them): the log keeps only the sentence before them.
     */
    private static String firstParagraph(String message) {
        int cut = message == null ? -1 : message.indexOf("\n\n");
        return cut < 0 ? message : message.substring(0, cut);
    }
}
