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
 * The JSON documents SNS sends (sns.md §5.2, §5.3), fields in AWS's order: {@code Notification} (to SQS, HTTP/S,
 * email-json), and {@code SubscriptionConfirmation} / {@code UnsubscribeConfirmation} (to HTTP/S, email-json).
 * Standard topics sign them with the {@link SigningKey} (§7); FIFO topics carry no signature fields, as in AWS.
 */
final class Envelope {
    static final String NOTIFICATION = "Notification";
    static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Envelope() {
    }

    record Notification(String messageId, String sequenceNumber, String topicArn, String subject, String message,
                        long timestampMillis, String signatureVersion, Map<String, MessageAttribute> attributes) {
    }

    static String timestamp(long millis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(millis));
    }

    /** The Notification's signature: the same for every subscription (the fields signed name none). */
    static String signature(Notification n, SigningKey key) {
        return key.sign(n.signatureVersion(), notificationStringToSign(n, timestamp(n.timestampMillis())));
    }

    /** @param signature {@link #signature} of {@code n}; unused for FIFO topics, which sign nothing */
    static String render(Notification n, String signature, String subscriptionArn, String urlBase, SigningKey key) {
        String timestamp = timestamp(n.timestampMillis());
        ObjectNode node = Json.MAPPER.createObjectNode().put("Type", NOTIFICATION).put("MessageId", n.messageId());
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
                    .put("Signature", signature)
                    .put("SigningCertURL", urlBase + key.certificateName());
        }
        node.put("UnsubscribeURL", unsubscribeUrl(urlBase, subscriptionArn));
        if (!n.attributes().isEmpty()) {
            ObjectNode attributes = node.putObject("MessageAttributes");
            n.attributes().forEach((name, a) -> attributes.putObject(name).put("Type", a.dataType())
                    .put("Value", a.binaryValue() != null ? Base64.getEncoder().encodeToString(a.binaryValue())
                            : a.stringValue()));
        }
        return Json.text(node);
    }

    /**
     * A SubscriptionConfirmation or UnsubscribeConfirmation (same fields, sns.md §5.3), signed.
     *
     * @param message the human text, e.g. "You have chosen to subscribe to the topic …"
     */
    static String confirmation(String type, String messageId, String token, String topicArn, String message,
                               String subscribeUrl, long timestampMillis, String signatureVersion, String urlBase,
                               SigningKey key) {
        String timestamp = timestamp(timestampMillis);
        String toSign = "Message\n" + message + "\nMessageId\n" + messageId + "\nSubscribeURL\n" + subscribeUrl
                + "\nTimestamp\n" + timestamp + "\nToken\n" + token + "\nTopicArn\n" + topicArn + "\nType\n" + type
                + "\n";
        ObjectNode node = Json.MAPPER.createObjectNode().put("Type", type).put("MessageId", messageId)
                .put("Token", token).put("TopicArn", topicArn).put("Message", message)
                .put("SubscribeURL", subscribeUrl).put("Timestamp", timestamp)
                .put("SignatureVersion", signatureVersion).put("Signature", key.sign(signatureVersion, toSign))
                .put("SigningCertURL", urlBase + key.certificateName());
        return Json.text(node);
    }

    static String subscribeUrl(String urlBase, String topicArn, String token) {
        return urlBase + "?Action=ConfirmSubscription&TopicArn=" + URLEncoder.encode(topicArn, StandardCharsets.UTF_8)
                + "&Token=" + token;
    }

    static String unsubscribeUrl(String urlBase, String subscriptionArn) {
        return urlBase + "?Action=Unsubscribe&SubscriptionArn="
                + URLEncoder.encode(subscriptionArn, StandardCharsets.UTF_8);
    }

    /** The fields AWS signs for a Notification, in its fixed order (§7). */
    static String notificationStringToSign(Notification n, String timestamp) {
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

    static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
