package io.wharf.console.view;

import java.util.List;
import java.util.Map;

/** One table's page: DescribeTable's facts. */
public record TableDetails(String name, String arn, String status, long itemCount, long sizeBytes, String keySchema,
                           Map<String, String> attributeDefinitions, String billingMode, String created,
                           List<IndexRow> indexes, Map<String, String> settings) {
}
