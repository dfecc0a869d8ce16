package io.wharf.console.view;

/** One delivery stream in the list; {@code error} set (the rest blank) when DescribeDeliveryStream is not allowed. */
public record DeliveryStreamRow(String name, String link, String status, String source, String destination,
                                String error) {
}
