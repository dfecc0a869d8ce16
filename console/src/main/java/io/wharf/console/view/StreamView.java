package io.wharf.console.view;

import java.util.List;

/** One stream's page: its shards with their lineage, consumers, and where to tail it from. */
public record StreamView(String name, String arn, String status, String mode, int retentionHours, String numbersUrl,
                         String seriesUrl, String recordsUrl, List<ShardRow> shards, List<String> consumers) {
}
