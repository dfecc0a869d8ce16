package io.wharf.dynamodb.engine;

import java.util.Map;

/**
 * A table as DescribeTable shows it at one instant: its settings, its status by the clock, its item count and size,
 * and each index's status, count and size.
 */
public record TableView(TableSettings settings, String status, long itemCount, long sizeBytes,
                        Map<String, IndexView> indexes) {
    /** @param status CREATING or ACTIVE */
    public record IndexView(String status, long itemCount, long sizeBytes) {
    }
}
