package io.wharf.console.view;

import java.util.Map;

/** One delivery stream's page: what DescribeDeliveryStream says and the engine's counters since start. */
public record DeliveryStreamView(String name, String arn, String status, String source, String destination,
                                 Map<String, String> facts, Map<String, Long> counters) {
}
