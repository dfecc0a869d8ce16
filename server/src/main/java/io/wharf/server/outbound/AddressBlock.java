package io.wharf.server.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}) or one address ({@code 169.254.169.254}, {@code ::1}).
 * IPv4 addresses inside IPv6 ({@code ::ffff:127.0.0.1}, the deprecated {@code ::127.0.0.1}) are judged as the IPv4
 * address they carry, both here and in {@link #normalize}, so a mapped address cannot slip past an IPv4 rule.
 */
public record AddressBlock(byte[] network, int prefixLength) implements TargetPattern {
    private static final Pattern DOTTED_QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    public AddressBlock {
        network = network.clone();
        if ((network.length != 4 && network.length != 16) || prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("not an address block");
        }
    }

    /**
     * {@code address[/prefix]}: a dotted-quad IPv4 address (no shortened, octal or hex forms) or an IPv6 address
     * (brackets allowed, no zone). The bits after the prefix must be zero ({@code 10.0.0.1/8} is refused).
     *
     * @throws IllegalArgumentException with a reason fit for a configuration error
     */
    public static AddressBlock parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("expected an IP address or CIDR block such as 10.0.0.0/8 or fd00::/8");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (!digits.matches("\\d{1,3}") || Integer.parseInt(digits) > bits) {
                throw new IllegalArgumentException("the prefix after '/' must be 0-" + bits);
            }
            prefix = Integer.parseInt(digits);
        }
        AddressBlock block = new AddressBlock(bytes, prefix);
        if (!Arrays.equals(block.network, masked(bytes, prefix))) {
            throw new IllegalArgumentException("has bits set after its /" + prefix + " prefix (did you mean "
                    + format(masked(bytes, prefix)) + "/" + prefix + "?)");
        }
        return block;
    }

    /** The address bytes of an IP literal, IPv4-in-IPv6 reduced to IPv4; null if {@code text} is not one. */
    static byte[] literal(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        Matcher quad = DOTTED_QUAD.matcher(s);
        if (quad.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                String part = quad.group(i + 1);
                int value = Integer.parseInt(part);
                if (value > 255 || (part.length() > 1 && part.charAt(0) == '0')) {
                    return null; // 256, or 010 (octal to some parsers, decimal to others)
                }
                bytes[i] = (byte) value;
            }
            return bytes;
        }
        if (s.indexOf(':') < 0 || !IPV6_CHARACTERS.matcher(s).matches()) {
            return null;
        }
        try {
            // bracketed, so the JDK parses it as a literal and never asks DNS
            return normalize(InetAddress.getByName("[" + s + "]"));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The address as 4 bytes (IPv4, also when mapped or compatible in IPv6) or 16. */
    static byte[] normalize(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && embedsIpv4(bytes)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    /** {@code ::ffff:a.b.c.d} (mapped) or {@code ::a.b.c.d} (compatible, but not {@code ::} or {@code ::1}). */
    private static boolean embedsIpv4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return true;
        }
        if (b[10] != 0 || b[11] != 0) {
            return false;
        }
        int low = ((b[12] & 0xff) << 24) | ((b[13] & 0xff) << 16) | ((b[14] & 0xff) << 8) | (b[15] & 0xff);
        return Integer.compareUnsigned(low, 1) > 0;
    }

    /** A copy: the block stays immutable. */
    @Override
    public byte[] network() {
        return network.clone();
    }

    /** Whether the (normalized) address lies in this block; IPv4 and IPv6 blocks never contain each other. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        return Arrays.equals(masked(address, prefixLength), network);
    }

    public boolean contains(InetAddress address) {
        return contains(normalize(address));
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    /** An address's usual text: a dotted quad, or IPv6 in RFC 5952's form (lower case, longest zero run as ::). */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is written as 0, not ::
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressBlock that && prefixLength == that.prefixLength
                && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }
}
