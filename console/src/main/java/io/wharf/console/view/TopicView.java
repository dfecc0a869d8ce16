package io.wharf.console.view;

import java.util.List;
import java.util.Map;

/** One topic's page. */
public record TopicView(String name, String arn, boolean fifo, String numbersUrl, String seriesUrl,
                        Map<String, String> attributes, List<SubscriptionRow> subscriptions) {
}
