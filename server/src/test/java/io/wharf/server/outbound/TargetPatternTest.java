package io.wharf.server.outbound;

import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing {@code --delivery-allow}/{@code --delivery-deny} entries, and what a block or pattern matches. */
class TargetPatternTest {

    @Test
    void addressesAndBlocks() {
        assertThat(TargetPattern.parse("10.0.0.0/8")).hasToString("10.0.0.0/8").isInstanceOf(AddressBlock.class);
        assertThat(TargetPattern.parse(" 169.254.169.254 ")).hasToString("169.254.169.254/32");
        assertThat(TargetPattern.parse("0.0.0.0/0")).hasToString("0.0.0.0/0");
        assertThat(TargetPattern.parse("fd00::/8")).isEqualTo(AddressBlock.parse("fd00:0::/8"));
        assertThat(TargetPattern.parse("::1")).isEqualTo(AddressBlock.parse("[::1]/128"));
        assertThat(TargetPattern.parse("::/0").toString()).endsWith("/0");
        // an IPv4 address written in IPv6 is that IPv4 address
        assertThat(TargetPattern.parse("::ffff:10.1.2.3")).isEqualTo(AddressBlock.parse("10.1.2.3/32"));
    }

    @Test
    void hostPatterns() {
        assertThat(TargetPattern.parse("*.Example.COM.")).isEqualTo(new HostPattern("example.com", true));
        assertThat(TargetPattern.parse("hooks.internal")).isEqualTo(new HostPattern("hooks.internal", false));
        assertThat(TargetPattern.parse("localhost")).isEqualTo(new HostPattern("localhost", false));
        assertThat(TargetPattern.parse("xn--bcher-kva.example")).isInstanceOf(HostPattern.class);
    }

    @Test
    void badEntriesSayWhy() {
        assertBad("10.0.0.0/33", "the prefix after '/' must be 0-32");
        assertBad("fd00::/129", "the prefix after '/' must be 0-128");
        assertBad("1.2.3.4/", "the prefix after '/' must be 0-32");
        assertBad("1.2.3.4/abc", "the prefix after '/' must be 0-32");
        assertBad("10.0.0.1/8", "has bits set after its /8 prefix (did you mean 10.0.0.0/8?)");
        assertBad("10.0.0", "not a valid IP address");
        assertBad("256.1.1.1", "not a valid IP address");
        assertBad("010.0.0.1", "not a valid IP address");
        assertBad("example.com/8", "expected an IP address or CIDR block");
        assertBad("fe80::1%eth0", "expected an IP address or CIDR block");
        assertBad(":::", "expected an IP address or CIDR block");
        assertBad("http://example.com", "expected an IP address or CIDR block");
        assertBad("*", "'*' alone is not a pattern");
        assertBad("a.*.example.com", "'*' may only stand first");
        assertBad("*example.com", "'*' may only stand first");
        assertBad("exa mple.com", "expected a host name");
        assertBad("-bad.example", "expected a host name");
        assertBad("under_score.example", "expected a host name");
        assertBad("a..example", "expected a host name");
        assertBad("", "empty entry");
        assertBad("x".repeat(254), "expected a host name");
    }

    private static void assertBad(String entry, String reason) {
        assertThatThrownBy(() -> TargetPattern.parse(entry)).as(entry).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void blocksContainTheirAddressesOnly() throws Exception {
        AddressBlock block = AddressBlock.parse("172.16.0.0/12");
        assertThat(block.contains(InetAddress.getByName("172.16.0.0"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("172.32.0.0"))).isFalse();
        assertThat(block.contains(InetAddress.getByName("172.15.255.255"))).isFalse();
        assertThat(AddressBlock.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8"))).isTrue();
        assertThat(AddressBlock.parse("0.0.0.0/0").contains(InetAddress.getByName("2001:db8::1"))).isFalse();
        assertThat(AddressBlock.parse("fc00::/7").contains(InetAddress.getByName("fdff::1"))).isTrue();
        assertThat(AddressBlock.parse("fc00::/7").contains(InetAddress.getByName("fe00::1"))).isFalse();
    }

    @Test
    void ipv4InsideIpv6IsJudgedAsIpv4() throws Exception {
        AddressBlock loopback = AddressBlock.parse("127.0.0.0/8");
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        // built as an Inet6Address on purpose: the JDK's parser would already have turned it into IPv4
        assertThat(loopback.contains(Inet6Address.getByAddress(null, mapped, -1))).isTrue();
        byte[] compatible = mapped.clone();
        compatible[10] = 0;
        compatible[11] = 0;
        assertThat(loopback.contains(Inet6Address.getByAddress(null, compatible, -1))).isTrue();
        assertThat(loopback.contains(InetAddress.getByName("::ffff:7f00:1"))).isTrue();
        // :: and ::1 are themselves, not 0.0.0.0 and 0.0.0.1
        assertThat(AddressBlock.parse("::1").contains(InetAddress.getByName("::1"))).isTrue();
        assertThat(AddressBlock.parse("0.0.0.0/8").contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(AddressBlock.parse("::/128").contains(InetAddress.getByName("::"))).isTrue();
    }

    @Test
    void addressesAreWrittenTheUsualWay() {
        assertThat(AddressBlock.parse("fd00::/8")).hasToString("fd00::/8");
        assertThat(AddressBlock.parse("FD00:EC2:0:0:0:0:0:254")).hasToString("fd00:ec2::254/128");
        assertThat(AddressBlock.parse("::/0")).hasToString("::/0");
        assertThat(AddressBlock.parse("::1")).hasToString("::1/128");
        assertThat(AddressBlock.parse("fe80::/10")).hasToString("fe80::/10");
        assertThat(AddressBlock.parse("2001:db8:0:1:0:0:0:1")).hasToString("2001:db8:0:1::1/128");
        assertThat(AddressBlock.parse("2001:db8:0:0:1:0:0:1")).hasToString("2001:db8::1:0:0:1/128");
        assertThat(AddressBlock.parse("2001:db8:1:1:1:1:0:1")).hasToString("2001:db8:1:1:1:1:0:1/128");
        assertThat(AddressBlock.parse("1:0:0:0:0:0:0:0")).hasToString("1::/128");
        assertThat(AddressBlock.parse("255.255.255.255")).hasToString("255.255.255.255/32");
    }

    @Test
    void hostPatternsMatchNamesWithoutCaseOrTrailingDot() {
        HostPattern wildcard = HostPattern.parse("*.example.com");
        assertThat(wildcard.matches("a.example.com")).isTrue();
        assertThat(wildcard.matches("A.B.Example.Com.")).isTrue();
        assertThat(wildcard.matches("example.com")).isFalse();
        assertThat(wildcard.matches("badexample.com")).isFalse();
        HostPattern exact = HostPattern.parse("hooks.internal");
        assertThat(exact.matches("HOOKS.internal.")).isTrue();
        assertThat(exact.matches("a.hooks.internal")).isFalse();
    }
}
