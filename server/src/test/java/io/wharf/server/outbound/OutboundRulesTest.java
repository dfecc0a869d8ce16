package io.wharf.server.outbound;

import io.wharf.sns.DeliveryTargets.Verdict;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every default, the order explicit deny → explicit allow → defaults, names vs addresses, and mail domains. */
class OutboundRulesTest {

    /** Names from a table; literals parsed by the JDK (never DNS); anything else does not resolve. */
    private static final class TableResolver implements OutboundRules.Resolver {
        final Map<String, List<String>> names;
        final List<String> asked = new ArrayList<>();

        TableResolver(Map<String, List<String>> names) {
            this.names = names;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            asked.add(host);
            List<String> addresses = names.get(host);
            if (addresses != null) {
                List<InetAddress> out = new ArrayList<>();
                for (String a : addresses) {
                    out.add(InetAddress.getByName(a));
                }
                return out.toArray(InetAddress[]::new);
            }
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return InetAddress.getAllByName(host);
            }
            throw new UnknownHostException(host);
        }
    }

    private final TableResolver resolver = new TableResolver(Map.of(
            "localhost", List.of("127.0.0.1", "::1"),
            "hooks.internal", List.of("10.1.1.1"),
            "public.example", List.of("93.184.216.34", "2606:2800:220:1::1"),
            "rebound.example", List.of("93.184.216.34", "169.254.169.254"),
            "metadata.google.internal", List.of("169.254.169.254")));

    private OutboundRules rules(boolean loopbackServer, List<String> allow, List<String> deny) {
        return new OutboundRules(allow, deny, loopbackServer, resolver);
    }

    private static Verdict check(OutboundRules rules, String url) {
        return rules.check(URI.create(url));
    }

    private static void assertAllowed(OutboundRules rules, String... urls) {
        for (String url : urls) {
            assertThat(check(rules, url)).as(url).isEqualTo(Verdict.ALLOWED);
        }
    }

    private static void assertDenied(OutboundRules rules, String... urls) {
        for (String url : urls) {
            Verdict verdict = check(rules, url);
            assertThat(verdict.denied()).as(url + " → " + verdict).isTrue();
            assertThat(verdict.reason()).isNotEmpty();
        }
    }

    @Test
    void alwaysDeniedByDefault() {
        for (boolean loopbackServer : new boolean[]{true, false}) {
            OutboundRules rules = rules(loopbackServer, List.of(), List.of());
            assertDenied(rules,
                    "http://169.254.169.254/latest/meta-data/", "http://169.254.0.1/", "http://169.254.255.255/",
                    "http://[fe80::1]/", "http://[fe80::1%25eth0]/", "http://[febf:ffff::1]/",
                    "http://[fd00:ec2::254]/", "http://100.100.100.200/",
                    "http://metadata.google.internal/computeMetadata/v1/", "http://METADATA.google.internal./",
                    "http://0.0.0.0:8080/", "http://0.1.2.3/", "http://[::]/",
                    "http://224.0.0.1/", "http://239.255.255.250:1900/", "http://[ff02::1]/",
                    "http://255.255.255.255/",
                    // the same addresses in other spellings
                    "http://[::ffff:169.254.169.254]/", "http://[::ffff:a9fe:a9fe]/", "http://[::169.254.169.254]/",
                    "http://2852039166/",
                    // a name with one bad address among good ones
                    "https://rebound.example/");
        }
        OutboundRules rules = rules(true, List.of(), List.of());
        assertThat(check(rules, "http://[fe80::1%25eth0]/").reason())
                .isEqualTo("fe80::1 is IPv6 link-local, denied by default (--delivery-allow fe80::1 allows it)");
        assertThat(check(rules, "http://[::ffff:a9fe:a9fe]/").reason()).isEqualTo("::ffff:a9fe:a9fe (169.254.169.254) "
                + "is link-local (cloud metadata services answer at 169.254.169.254), denied by default "
                + "(--delivery-allow 169.254.169.254 allows it)");
        assertThat(check(rules, "https://rebound.example/").reason()).startsWith("rebound.example (169.254.169.254) is");
    }

    @Test
    void metadataNamesAreDeniedWithoutAskingDns() {
        OutboundRules rules = rules(true, List.of(), List.of("*.denied.test"));
        assertDenied(rules, "http://metadata.google.internal/", "http://a.denied.test/");
        assertThat(resolver.asked).isEmpty();
    }

    @Test
    void loopbackAndPrivateAreAllowedWhenEveryListenerIsOnLoopback() {
        OutboundRules rules = rules(true, List.of(), List.of());
        assertAllowed(rules, "http://127.0.0.1:9/", "http://127.255.255.254/", "http://localhost:8080/hook",
                "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://2130706433/",
                "http://10.0.0.1/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/",
                "http://100.64.0.1/", "http://[fc00::1]/", "http://[fdff::1]/", "http://hooks.internal/");
    }

    @Test
    void loopbackAndPrivateAreDeniedWhenListeningBeyondLoopback() {
        OutboundRules rules = rules(false, List.of(), List.of());
        assertDenied(rules, "http://127.0.0.1:9/", "http://127.255.255.254/", "http://localhost:8080/hook",
                "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://2130706433/",
                "http://10.0.0.1/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/",
                "http://100.64.0.1/", "http://100.127.255.255/", "http://[fc00::1]/", "http://[fdff::1]/",
                "http://hooks.internal/");
        assertThat(check(rules, "http://10.0.0.1/").reason())
                .isEqualTo("10.0.0.1 is a private address, denied by default while Wharf listens beyond loopback "
                        + "(--delivery-allow 10.0.0.0/8 allows it)");
        assertThat(check(rules, "http://hooks.internal/").reason()).startsWith("hooks.internal (10.1.1.1) is");
    }

    @Test
    void publicAddressesAreAllowed() {
        for (boolean loopbackServer : new boolean[]{true, false}) {
            assertAllowed(rules(loopbackServer, List.of(), List.of()), "https://93.184.216.34/",
                    "https://public.example/hook", "http://172.32.0.1/", "http://172.15.255.255/",
                    "http://100.128.0.1/", "http://100.63.255.255/", "http://[2606:4700::1]/", "http://1.1.1.1/",
                    "http://169.253.255.255/", "http://223.255.255.255/");
        }
    }

    @Test
    void anExplicitDenyWinsOverEverything() {
        OutboundRules rules = rules(true, List.of("hooks.internal", "10.0.0.0/8", "*.example.com"),
                List.of("10.1.0.0/16", "api.example.com", "93.184.216.34"));
        assertDenied(rules, "http://hooks.internal/", "http://10.1.2.3/", "http://api.example.com/",
                "http://API.Example.Com./", "https://public.example/");
        assertThat(check(rules, "http://hooks.internal/").reason())
                .isEqualTo("hooks.internal (10.1.1.1) matches --delivery-deny 10.1.0.0/16");
        assertThat(check(rules, "http://api.example.com/").reason())
                .isEqualTo("api.example.com matches --delivery-deny api.example.com");
        assertAllowed(rules, "http://10.2.0.1/");
        // a loopback server denies its own loopback when told to
        assertDenied(rules(true, List.of(), List.of("127.0.0.0/8", "localhost")), "http://127.0.0.1/",
                "http://localhost/", "http://[::ffff:127.0.0.1]/");
        assertDenied(rules(true, List.of(), List.of("0.0.0.0/0", "::/0")), "https://public.example/",
                "http://[2606:4700::1]/");
    }

    @Test
    void anExplicitAllowReopensDefaults() {
        OutboundRules rules = rules(false, List.of("10.0.0.0/8", "169.254.169.254", "localhost", "fd00:ec2::254"),
                List.of());
        assertAllowed(rules, "http://10.9.9.9/", "http://169.254.169.254/", "http://hooks.internal/",
                "http://localhost/", "http://[fd00:ec2::254]/");
        assertDenied(rules, "http://169.254.169.253/", "http://192.168.0.1/", "http://127.0.0.1/",
                "http://[fd00:ec2::253]/");
        // a name allowed by name passes with whatever it resolves to, the metadata name included
        assertAllowed(rules(true, List.of("metadata.google.internal"), List.of()), "http://metadata.google.internal/");
    }

    @Test
    void aNameThatDoesNotResolveIsUnresolvedNotAllowed() {
        OutboundRules rules = rules(true, List.of(), List.of());
        Verdict verdict = check(rules, "https://nowhere.invalid/");
        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.UNRESOLVED);
        assertThat(verdict.reason()).isEqualTo("could not resolve nowhere.invalid");
        // java.net.URI finds no host in these, so neither the gate nor the HTTP client can use them
        assertThat(check(rules, "https://*.example/").denied()).isTrue();
        assertThat(check(rules, "http://127.1/").reason()).isEqualTo("the URL has no host");
    }

    @Test
    void mailIsJudgedByItsDomain() {
        OutboundRules loopback = rules(true, List.of(), List.of("*.blocked.test", "192.0.2.0/24"));
        assertThat(loopback.checkEmail("someone@example.com")).isEqualTo(Verdict.ALLOWED);
        assertThat(loopback.checkEmail("someone@localhost")).isEqualTo(Verdict.ALLOWED);
        assertThat(loopback.checkEmail("someone@mx.blocked.test").reason())
                .isEqualTo("mail domain mx.blocked.test matches --delivery-deny *.blocked.test");
        assertThat(loopback.checkEmail("someone@METADATA.google.internal").denied()).isTrue();
        assertThat(loopback.checkEmail("someone@[169.254.169.254]").denied()).isTrue();
        assertThat(loopback.checkEmail("someone@[IPv6:fe80::1]").denied()).isTrue();
        assertThat(loopback.checkEmail("someone@[192.0.2.7]").denied()).isTrue();
        assertThat(loopback.checkEmail("someone@[10.0.0.1]")).isEqualTo(Verdict.ALLOWED);
        assertThat(loopback.checkEmail("someone@[not an address]").denied()).isTrue();
        assertThat(loopback.checkEmail("no domain").denied()).isTrue();
        assertThat(rules(false, List.of(), List.of()).checkEmail("someone@[10.0.0.1]").denied()).isTrue();
        assertThat(rules(true, List.of("metadata.google.internal"), List.of())
                .checkEmail("x@metadata.google.internal")).isEqualTo(Verdict.ALLOWED);
        assertThat(resolver.asked).isEmpty(); // mail never needs DNS here: the SMTP server delivers
    }

    @Test
    void listenersOnLoopbackOnly() {
        assertThat(OutboundRules.loopbackOnly(List.of("127.0.0.1"), resolver)).isTrue();
        assertThat(OutboundRules.loopbackOnly(List.of("127.0.0.2", "::1", "[::1]", "localhost"), resolver)).isTrue();
        assertThat(OutboundRules.loopbackOnly(List.of("0.0.0.0"), resolver)).isFalse();
        assertThat(OutboundRules.loopbackOnly(List.of("::"), resolver)).isFalse();
        assertThat(OutboundRules.loopbackOnly(List.of("127.0.0.1", "192.168.1.5"), resolver)).isFalse();
        assertThat(OutboundRules.loopbackOnly(List.of("nowhere.invalid"), resolver)).isFalse();
        assertThat(OutboundRules.loopbackOnly(List.of(), resolver)).isFalse();
    }

    @Test
    void badEntriesAreRefusedWhenTheRulesAreMade() {
        assertThatThrownBy(() -> rules(true, List.of("10.0.0.0/33"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rules(true, List.of(), List.of("*"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSummaryNamesTheDefaultsAndTheFlags() {
        assertThat(rules(true, List.of("hooks.internal", "10.0.0.0/8"), List.of("*.example.com")).summary())
                .isEqualTo("loopback and private addresses allowed (every listener is on loopback); link-local and "
                        + "metadata addresses denied; --delivery-allow hooks.internal,10.0.0.0/8; --delivery-deny "
                        + "*.example.com");
        assertThat(rules(false, List.of(), List.of()).summary()).startsWith("loopback and private addresses denied");
    }
}
