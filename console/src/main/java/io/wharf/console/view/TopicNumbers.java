package io.wharf.console.view;

import java.util.Map;

/**
 * A topic's live numbers: counts since the server started, per protocol for deliveries and failures, the rates of
 * the last sampling interval (null before two samples) and the deliveries waiting in the outbox.
 */
public record TopicNumbers(long published, Map<String, Long> delivered, Map<String, Long> failed, long retries,
                           long outbox, String publishRate, String deliveryRate) {
}
