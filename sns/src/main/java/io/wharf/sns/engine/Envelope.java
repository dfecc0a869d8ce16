package io.wharf.sns.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.sns.MessageAttribute;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;

/**
 * The JSON document SNS puts into an SQS queue for a non-raw subscription (sns.md §5.2), fields in AWS's order.
 *
 * <p>Not yet an RSA signature: {@code Signature} carries the base64 SHA-1 digest of the string AWS would sign
 * (§7), so the field is present and well-formed; real signing with a served certificate comes with HTTP
 * delivery. FIFO topics carry no signature fields, as in AWS.
 */
final class Envelope {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Envelope() {
    }

    record Notification(String messageId, String sequenceNumber, String topicArn, String subject, String message,
                        long timestampMillis, String signatureVersion, Map<String, MessageAttribute> attributes) {
    }

    static String render(Notification n, String subscriptionArn, String urlBase) {
        String timestamp = TIMESTAMP.format(Instant.ofEpochMilli(n.timestampMillis()));
        ObjectNode node = Json.MAPPER.createObjectNode().put("Type", "Notification").put("MessageId", n.messageId());
        if (n.sequenceNumber() != null) {
            node.put("SequenceNumber", n.sequenceNumber());
        }
        node.put("TopicArn", n.topicArn());
        if (n.subject() != null) {
            node.put("Subject", n.subject());
        }
        node.put("Message", n.message()).put("Timestamp", timestamp);
        if (n.sequenceNumber() == null) {
            node.put("SignatureVersion", n.signatureVersion())
                    .put("Signature", signature(n, timestamp))
                    .put("SigningCertURL", urlBase + "SimpleNotificationService-wharf.pem");
        }
        node.put("UnsubscribeURL", urlBase + "?Action=Unsubscribe&SubscriptionArn="
                + URLEncoder.encode(subscriptionArn, StandardCharsets.UTF_8));
        if (!n.attributes().isEmpty()) {
            ObjectNode attributes = node.putObject("MessageAttributes");
            n.attributes().forEach((name, a) -> attributes.putObject(name).put("Type", a.dataType())
                    .put("Value", a.binaryValue() != null ? Base64.getEncoder().encodeToString(a.binaryValue())
                            : a.stringValue()));
        }
        return Json.text(node);
    }

    /** The fields AWS signs, in its fixed order (§7). */
    static String stringToSign(Notification n, String timestamp) {
        StringBuilder s = new StringBuilder();
        s.append("Message\n").append(n.message()).append('\n');
        s.append("MessageId\n").append(n.messageId()).append('\n');
        if (n.subject() != null) {
            s.append("Subject\n").append(n.subject()).append('\n');
        }
        s.append("Timestamp\n").append(timestamp).append('\n');
        s.append("TopicArn\n").append(n.topicArn()).append('\n');
        s.append("Type\nNotification\n");
        return s.toString();
    }

    private static String signature(Notification n, String timestamp) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest(stringToSign(n, timestamp).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
