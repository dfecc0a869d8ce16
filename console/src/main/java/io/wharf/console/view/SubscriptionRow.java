package io.wharf.console.view;

/** A subscription: where it delivers and whether it is confirmed. */
public record SubscriptionRow(String arn, String protocol, String endpoint, String state, boolean rawDelivery,
                              boolean filtered) {
}
