package io.wharf.server.outbound;

/**
 * One entry of {@code --delivery-allow} or {@code --delivery-deny}: an {@link AddressBlock} (CIDR block or single
 * address), judged against every address a host resolves to, or a {@link HostPattern}, judged against the host name
 * of a URL or the domain of a mail address.
 */
public sealed interface TargetPattern permits AddressBlock, HostPattern {

    /**
     * Parses one entry (surrounding blanks ignored).
     *
     * @throws IllegalArgumentException with a reason fit for a configuration error
     */
    static TargetPattern parse(String entry) {
        String text = entry.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty entry");
        }
        if (text.contains("/") || AddressBlock.literal(text) != null || text.indexOf(':') >= 0) {
            return AddressBlock.parse(text);
        }
        return HostPattern.parse(text);
    }
}
