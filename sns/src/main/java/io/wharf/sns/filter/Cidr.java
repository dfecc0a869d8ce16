package io.wharf.sns.filter;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address block ({@code 10.0.0.0/24}). Only literal addresses are accepted, so nothing here
 * ever resolves a host name.
 */
record Cidr(BigInteger network, int bits, int maskBits) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    static Cidr parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 2) {
            throw new InvalidFilterPolicyException("Malformed CIDR, one '/' required");
        }
        int mask;
        try {
            mask = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new InvalidFilterPolicyException("Malformed CIDR, mask bits must be an integer");
        }
        byte[] address = address(parts[0]);
        if (address == null) {
            throw new InvalidFilterPolicyException("Nonstandard IP address: " + parts[0]);
        }
        int bits = address.length * 8;
        if (mask < 0 || mask > bits) {
            throw new InvalidFilterPolicyException("Malformed CIDR, mask bits must be an integer");
        }
        return new Cidr(prefix(new BigInteger(1, address), bits, mask), bits, mask);
    }

    boolean contains(String ip) {
        byte[] address = address(ip);
        return address != null && address.length * 8 == bits
                && prefix(new BigInteger(1, address), bits, maskBits).equals(network);
    }

    private static BigInteger prefix(BigInteger address, int bits, int mask) {
        return address.shiftRight(bits - mask);
    }

    /** The bytes of a literal address, or null when the text is not one. */
    static byte[] address(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !IPV6.matcher(text).matches()) {
            return null;
        }
        if (v4) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
