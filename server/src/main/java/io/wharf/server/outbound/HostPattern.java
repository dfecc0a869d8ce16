package io.wharf.server.outbound;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A host name ({@code hooks.internal}, {@code localhost}) or every name under a domain ({@code *.example.com}:
 * {@code a.example.com} and {@code a.b.example.com}, not {@code example.com} itself). Names compare without case
 * and without a trailing dot. Also matches mail domains ({@code someone@mail.example.com}).
 *
 * @param name     the name, or the domain after {@code *.}; lower case, no trailing dot
 * @param wildcard whether this is {@code *.name}
 */
public record HostPattern(String name, boolean wildcard) implements TargetPattern {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_NAME_LENGTH = 253;

    /**
     * @throws IllegalArgumentException with a reason fit for a configuration error
     */
    public static HostPattern parse(String text) {
        String s = canonical(text);
        if (s.equals("*")) {
            throw new IllegalArgumentException("'*' alone is not a pattern; 0.0.0.0/0 and ::/0 match every address");
        }
        boolean wildcard = s.startsWith("*.");
        String name = wildcard ? s.substring(2) : s;
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("expected a host name, *.domain, an IP address or a CIDR block");
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException(name.contains("*")
                        ? "'*' may only stand first, as in *.example.com"
                        : "expected a host name, *.domain, an IP address or a CIDR block");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            // no top-level domain is numeric: this is an address typed wrong (10.0.0, 1.2.3.256, 010.0.0.1)
            throw new IllegalArgumentException("not a valid IP address (write IPv4 as four numbers 0-255 without "
                    + "leading zeros)");
        }
        return new HostPattern(name, wildcard);
    }

    /** Lower case, without the trailing dot of a fully qualified name. */
    static String canonical(String host) {
        String s = host.toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Whether {@code host} (any case, trailing dot or not) is this name or, for {@code *.}, lies under it. */
    public boolean matches(String host) {
        String h = canonical(host);
        return wildcard ? h.endsWith("." + name) : h.equals(name);
    }

    @Override
    public String toString() {
        return wildcard ? "*." + name : name;
    }
}
