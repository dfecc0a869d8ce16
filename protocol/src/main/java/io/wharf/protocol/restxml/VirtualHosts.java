package io.wharf.protocol.restxml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Virtual-host-style addressing: which bucket a request's {@code Host} names, if any. A host is
 * {@code <bucket>.<suffix>} for the suffixes {@code s3.localhost}, {@code localhost} and each configured host name
 * ({@code --hostname}, the public URL's host), the port ignored and the longest suffix tried first. An IP address
 * never names a bucket, and neither does {@code s3.<suffix>} (the path-style endpoint AWS's own naming suggests).
 */
public final class VirtualHosts {
    private final List<String> suffixes;

    /** @param configuredHosts host names ({@code host} or {@code host:port}) Wharf is reached by; nulls are skipped */
    public VirtualHosts(List<String> configuredHosts) {
        List<String> all = new ArrayList<>(List.of("s3.localhost", "localhost"));
        for (String configured : configuredHosts) {
            String host = configured == null ? null : hostOnly(configured);
            if (host != null && !host.isEmpty() && !isIpAddress(host) && !all.contains(host)) {
                all.add(host);
            }
        }
        all.sort(Comparator.comparingInt(String::length).reversed());
        this.suffixes = List.copyOf(all);
    }

    /** The bucket {@code hostHeader} names, or null when it is not virtual-host style. */
    public String bucket(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String host = hostOnly(hostHeader.trim());
        if (host == null || host.isEmpty() || isIpAddress(host)) {
            return null;
        }
        for (String suffix : suffixes) {
            if (host.length() > suffix.length() + 1 && host.endsWith(suffix)
                    && host.charAt(host.length() - suffix.length() - 1) == '.') {
                String bucket = host.substring(0, host.length() - suffix.length() - 1);
                return bucket.equals("s3") ? null : bucket;
            }
        }
        return null;
    }

    /** The host of {@code host[:port]} in lower case (DNS names are case-insensitive), brackets kept for IPv6. */
    static String hostOnly(String hostAndPort) {
        String host = hostAndPort;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && host.indexOf(':') == colon) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT);
    }

    /** IPv4 dotted quads and IPv6 literals (bracketed or bare). */
    static boolean isIpAddress(String host) {
        if (host.startsWith("[") || host.indexOf(':') >= 0) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }
}
