package io.wharf.sqs.engine;

import io.wharf.protocol.AwsException;
import io.wharf.sqs.SqsErrors;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** RedrivePolicy (where a source dead-letters to) and RedriveAllowPolicy (who may dead-letter into a queue). */
final class RedrivePolicies {
    private RedrivePolicies() {
    }

    /** Checks a RedrivePolicy against the target queue and returns it normalised (maxReceiveCount a number). */
    static String validateRedrive(QueueId source, String value, Function<QueueId, Queue> queues) {
        Map<?, ?> policy = object("RedrivePolicy", value);
        Object arn = policy.get("deadLetterTargetArn");
        Object count = policy.get("maxReceiveCount");
        if (arn == null) {
            throw invalid("RedrivePolicy", value,
                    "Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
        }
        if (count == null) {
            throw invalid("RedrivePolicy", value,
                    "Redrive policy does not contain mandatory attribute: maxReceiveCount.");
        }
        int maxReceiveCount;
        try {
            maxReceiveCount = new BigDecimal(String.valueOf(count)).intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            maxReceiveCount = 0;
        }
        if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
            throw invalid("RedrivePolicy", value, "Invalid value for maxReceiveCount: " + count
                    + ", valid values are from 1 to 1000 both inclusive.");
        }
        QueueId targetId = QueueId.fromArn(String.valueOf(arn));
        Queue target = targetId == null ? null : queues.apply(targetId);
        if (target == null || !targetId.accountId().equals(source.accountId())
                || !targetId.region().equals(source.region())) {
            throw invalid("RedrivePolicy", value, "Dead letter target does not exist.");
        }
        if (targetId.isFifo() != source.isFifo()) {
            throw invalid("RedrivePolicy", value, source.isFifo()
                    ? "Fifo queues cannot use non fifo dead letter queues."
                    : "Standard queues cannot use fifo dead letter queues.");
        }
        if (!allows(target.record().attributes().get(QueueAttributes.REDRIVE_ALLOW_POLICY), source.arn())) {
            throw invalid("RedrivePolicy", value, "Queue " + source.arn()
                    + " does not have permission to use " + targetId.arn() + " as a dead letter queue.");
        }
        Map<String, Object> normal = new LinkedHashMap<>();
        normal.put("deadLetterTargetArn", arn.toString());
        normal.put("maxReceiveCount", maxReceiveCount);
        return Json.write(normal);
    }

    static String validateRedriveAllow(String value) {
        Map<?, ?> policy = object("RedriveAllowPolicy", value);
        Object permission = policy.get("redrivePermission");
        Object sources = policy.get("sourceQueueArns");
        if (!List.of("allowAll", "denyAll", "byQueue").contains(String.valueOf(permission))) {
            throw invalid("RedriveAllowPolicy", value,
                    "Invalid value for redrivePermission: allowAll, denyAll or byQueue expected.");
        }
        if ("byQueue".equals(permission)) {
            if (!(sources instanceof List<?> list) || list.isEmpty() || list.size() > 10) {
                throw invalid("RedriveAllowPolicy", value,
                        "sourceQueueArns must list 1 to 10 queue ARNs when redrivePermission is byQueue.");
            }
        } else if (sources != null) {
            throw invalid("RedriveAllowPolicy", value,
                    "sourceQueueArns is only allowed when redrivePermission is byQueue.");
        }
        return value;
    }

    /** Whether a dead-letter queue with this RedriveAllowPolicy (null = allowAll) accepts the source. */
    static boolean allows(String redriveAllowPolicy, String sourceArn) {
        if (redriveAllowPolicy == null || redriveAllowPolicy.isEmpty()) {
            return true;
        }
        Map<?, ?> policy = (Map<?, ?>) Json.parse(redriveAllowPolicy);
        return switch (String.valueOf(policy.get("redrivePermission"))) {
            case "denyAll" -> false;
            case "byQueue" -> policy.get("sourceQueueArns") instanceof List<?> arns && arns.contains(sourceArn);
            default -> true;
        };
    }

    private static Map<?, ?> object(String parameter, String value) {
        try {
            if (Json.parse(value) instanceof Map<?, ?> map) {
                return map;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the AWS error
        }
        throw invalid(parameter, value, "Invalid JSON.");
    }

    private static AwsException invalid(String parameter, String value, String reason) {
        return SqsErrors.invalidParameter(parameter, value, reason);
    }
}
