package io.wharf.console.view;

/** One stream in the list. */
public record StreamRow(String name, String link, String status, String mode, int openShards, String incomingRate,
                        String outgoingRate) {
}
