package io.wharf.console.view;

/**
 * One table in the list. {@code keySchema} reads {@code pk (HASH), sk (RANGE)}; {@code indexes} names them;
 * {@code error} is set (and the rest blank) when DescribeTable is not allowed.
 */
public record TableRow(String name, String link, String status, String itemCount, String keySchema, String indexes,
                       String error) {
}
