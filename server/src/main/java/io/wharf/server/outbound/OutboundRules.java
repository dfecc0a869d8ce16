package io.wharf.server.outbound;

import io.wharf.sns.DeliveryTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which HTTP/S endpoints and mail domains SNS may deliver to: {@code --delivery-allow} and {@code --delivery-deny}
 * over built-in defaults. An HTTP/S endpoint is judged by its host name and by <em>every</em> address the name
 * resolves to; a mail address by its domain.
 *
 * <p>The order, first match wins:
 * <ol>
 *   <li>an explicit deny: a {@code --delivery-deny} host pattern matching the name, or a {@code --delivery-deny}
 *       block holding any of its addresses;</li>
 *   <li>an explicit allow: a {@code --delivery-allow} host pattern matching the name (all its addresses pass), or,
 *       address by address, a {@code --delivery-allow} block holding it;</li>
 *   <li>the defaults. <b>Always denied</b>: link-local {@code 169.254.0.0/16} and {@code fe80::/10} (cloud metadata
 *       services live at {@code 169.254.169.254}), the metadata addresses {@code fd00:ec2::254} (AWS, IPv6) and
 *       {@code 100.100.100.200} (Alibaba), the name {@code metadata.google.internal}, {@code 0.0.0.0/8} and
 *       {@code ::} (which reach this machine), multicast and broadcast. <b>Allowed only while every listener is on
 *       a loopback address</b> (a server nobody else can reach, so whoever subscribes already runs code here):
 *       loopback {@code 127.0.0.0/8} and {@code ::1}, private {@code 10/8}, {@code 172.16/12},
 *       {@code 192.168/16}, {@code fc00::/7} and shared {@code 100.64/10}. Everything else (public addresses) is
 *       allowed.</li>
 * </ol>
 * An explicit allow can re-open a default deny, {@code --delivery-allow 169.254.169.254} included: that is the
 * operator's choice, made in the open. IPv4 addresses written inside IPv6 ({@code ::ffff:127.0.0.1}) are judged as
 * IPv4.
 *
 * <p>A name that does not resolve is {@link Verdict.Kind#UNRESOLVED}: nothing to judge yet. Mail is judged by
 * domain only (the SMTP server, chosen by the operator, is what connects); a domain literal
 * ({@code someone@[10.0.0.1]}) is judged like an address.
 */
public final class OutboundRules implements DeliveryTargets {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundRules.class);

    /** How host names become addresses; the system's resolver in a server, a table in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final Resolver SYSTEM_RESOLVER = InetAddress::getAllByName;

    /** A default rule and what it protects, for the reason a denial gives. */
    private record DefaultBlock(AddressBlock block, String what) {
        DefaultBlock(String block, String what) {
            this(AddressBlock.parse(block), what);
        }
    }

    private static final List<DefaultBlock> ALWAYS_DENIED = List.of(
            new DefaultBlock("0.0.0.0/8", "'this network' (reaches this machine)"),
            new DefaultBlock("169.254.0.0/16", "link-local (cloud metadata services answer at 169.254.169.254)"),
            new DefaultBlock("100.100.100.200/32", "Alibaba Cloud's metadata service"),
            new DefaultBlock("224.0.0.0/4", "multicast"),
            new DefaultBlock("255.255.255.255/32", "broadcast"),
            new DefaultBlock("::/128", "the unspecified address (reaches this machine)"),
            new DefaultBlock("fe80::/10", "IPv6 link-local"),
            new DefaultBlock("fd00:ec2::254/128", "the AWS metadata service over IPv6"),
            new DefaultBlock("ff00::/8", "IPv6 multicast"));
    private static final List<HostPattern> ALWAYS_DENIED_NAMES = List.of(HostPattern.parse("metadata.google.internal"));
    private static final List<DefaultBlock> LOOPBACK_SERVER_ONLY = List.of(
            new DefaultBlock("127.0.0.0/8", "loopback"),
            new DefaultBlock("::1/128", "loopback"),
            new DefaultBlock("10.0.0.0/8", "a private address"),
            new DefaultBlock("172.16.0.0/12", "a private address"),
            new DefaultBlock("192.168.0.0/16", "a private address"),
            new DefaultBlock("100.64.0.0/10", "shared address space (carrier-grade NAT)"),
            new DefaultBlock("fc00::/7", "an IPv6 unique local address"));
    private static final AddressBlock LOOPBACK_V4 = AddressBlock.parse("127.0.0.0/8");
    private static final AddressBlock LOOPBACK_V6 = AddressBlock.parse("::1");

    private final List<AddressBlock> allowedBlocks = new ArrayList<>();
    private final List<HostPattern> allowedNames = new ArrayList<>();
    private final List<AddressBlock> deniedBlocks = new ArrayList<>();
    private final List<HostPattern> deniedNames = new ArrayList<>();
    private final boolean loopbackServer;
    private final Resolver resolver;

    /**
     * @param allow          {@code --delivery-allow} entries (validated: see {@link TargetPattern#parse})
     * @param deny           {@code --delivery-deny} entries
     * @param loopbackServer whether every listener is on a loopback address ({@link #loopbackOnly})
     * @throws IllegalArgumentException for an entry that does not parse
     */
    public OutboundRules(List<String> allow, List<String> deny, boolean loopbackServer, Resolver resolver) {
        this.loopbackServer = loopbackServer;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        for (String entry : allow) {
            switch (TargetPattern.parse(entry)) {
                case AddressBlock block -> allowedBlocks.add(block);
                case HostPattern name -> allowedNames.add(name);
            }
        }
        for (String entry : deny) {
            switch (TargetPattern.parse(entry)) {
                case AddressBlock block -> deniedBlocks.add(block);
                case HostPattern name -> deniedNames.add(name);
            }
        }
    }

    /**
     * The rules for a server listening on {@code listenerHosts}, with the system resolver. Says what they amount
     * to in one log line at start-up, at INFO when they differ from a loopback server's defaults (the usual start
     * stays one line), else at DEBUG.
     */
    public static OutboundRules forServer(List<String> allow, List<String> deny, List<String> listenerHosts) {
        OutboundRules rules = new OutboundRules(allow, deny, loopbackOnly(listenerHosts, SYSTEM_RESOLVER),
                SYSTEM_RESOLVER);
        if (rules.loopbackServer && allow.isEmpty() && deny.isEmpty()) {
            LOG.debug("SNS delivery rules: {}", rules.summary());
        } else {
            LOG.info("SNS delivery rules: {}{}", rules.summary(), rules.loopbackServer ? ""
                    : " (listening on " + String.join(", ", listenerHosts) + "; --delivery-allow opens more)");
        }
        return rules;
    }

    /**
     * Whether every host is a loopback address or resolves only to loopback addresses ({@code 127.0.0.1},
     * {@code localhost}, {@code ::1}); a wildcard ({@code 0.0.0.0}, {@code ::}) or a name that does not resolve
     * is not.
     */
    public static boolean loopbackOnly(List<String> listenerHosts, Resolver resolver) {
        if (listenerHosts.isEmpty()) {
            return false;
        }
        for (String host : listenerHosts) {
            String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            try {
                InetAddress[] addresses = resolver.resolve(h);
                if (addresses.length == 0) {
                    return false;
                }
                for (InetAddress address : addresses) {
                    if (!LOOPBACK_V4.contains(address) && !LOOPBACK_V6.contains(address)) {
                        return false;
                    }
                }
            } catch (UnknownHostException | RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Verdict check(URI endpoint) {
        String rawHost = endpoint.getHost();
        if (rawHost == null || rawHost.isEmpty()) {
            return Verdict.denied("the URL has no host");
        }
        boolean literal = rawHost.startsWith("[");
        String host = HostPattern.canonical(literal ? ipv6Literal(rawHost) : rawHost);
        HostPattern denied = literal ? null : first(deniedNames, host);
        if (denied != null) {
            return Verdict.denied(host + " matches --delivery-deny " + denied);
        }
        boolean namedAllowed = !literal && first(allowedNames, host) != null;
        if (!namedAllowed && !literal) {
            HostPattern metadata = first(ALWAYS_DENIED_NAMES, host);
            if (metadata != null) {
                return Verdict.denied(host + " is a cloud metadata service (denied by default; --delivery-allow "
                        + host + " allows it)");
            }
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return literal ? Verdict.denied("not a valid IPv6 address: " + host)
                    : Verdict.unresolved("could not resolve " + host);
        } catch (RuntimeException e) {
            return Verdict.denied("not a valid host: " + host);
        }
        if (addresses == null || addresses.length == 0) {
            return Verdict.unresolved("no address for " + host);
        }
        for (InetAddress address : addresses) {
            String reason = explicitlyDenied(host, address);
            if (reason != null) {
                return Verdict.denied(reason);
            }
        }
        if (namedAllowed) {
            return Verdict.ALLOWED;
        }
        for (InetAddress address : addresses) {
            String reason = deniedByDefault(host, address);
            if (reason != null) {
                return Verdict.denied(reason);
            }
        }
        return Verdict.ALLOWED;
    }

    /** The address inside {@code [...]}, without a zone ({@code %25eth0}): the zone does not change the judgement. */
    private static String ipv6Literal(String bracketed) {
        String inside = bracketed.substring(1, bracketed.length() - 1);
        int zone = inside.indexOf('%');
        return zone < 0 ? inside : inside.substring(0, zone);
    }

    @Override
    public Verdict checkEmail(String address) {
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "" : HostPattern.canonical(address.substring(at + 1).strip());
        if (domain.isEmpty()) {
            return Verdict.denied("the address has no domain");
        }
        if (domain.startsWith("[") && domain.endsWith("]")) {
            String text = domain.substring(1, domain.length() - 1);
            byte[] bytes = AddressBlock.literal(text.startsWith("ipv6:") ? text.substring(5) : text);
            if (bytes == null) {
                return Verdict.denied("not an address literal: " + domain);
            }
            InetAddress literal;
            try {
                literal = InetAddress.getByAddress(bytes);
            } catch (UnknownHostException e) {
                return Verdict.denied("not an address literal: " + domain);
            }
            String reason = explicitlyDenied(domain, literal);
            if (reason == null) {
                reason = deniedByDefault(domain, literal);
            }
            return reason == null ? Verdict.ALLOWED : Verdict.denied(reason);
        }
        HostPattern denied = first(deniedNames, domain);
        if (denied != null) {
            return Verdict.denied("mail domain " + domain + " matches --delivery-deny " + denied);
        }
        if (first(allowedNames, domain) == null && first(ALWAYS_DENIED_NAMES, domain) != null) {
            return Verdict.denied("mail domain " + domain + " is a cloud metadata service (denied by default)");
        }
        return Verdict.ALLOWED;
    }

    /** Step 1 for one address: the reason an explicit deny block holds it, or null. */
    private String explicitlyDenied(String host, InetAddress address) {
        byte[] bytes = AddressBlock.normalize(address);
        for (AddressBlock block : deniedBlocks) {
            if (block.contains(bytes)) {
                return describe(host, bytes) + " matches --delivery-deny " + block;
            }
        }
        return null;
    }

    /** Steps 2 and 3 for one address: null when an allow block or the defaults let it through. */
    private String deniedByDefault(String host, InetAddress address) {
        byte[] bytes = AddressBlock.normalize(address);
        for (AddressBlock block : allowedBlocks) {
            if (block.contains(bytes)) {
                return null;
            }
        }
        for (DefaultBlock rule : ALWAYS_DENIED) {
            if (rule.block().contains(bytes)) {
                return describe(host, bytes) + " is " + rule.what() + ", denied by default (--delivery-allow "
                        + AddressBlock.format(bytes) + " allows it)";
            }
        }
        if (!loopbackServer) {
            for (DefaultBlock rule : LOOPBACK_SERVER_ONLY) {
                if (rule.block().contains(bytes)) {
                    return describe(host, bytes) + " is " + rule.what() + ", denied by default while Wharf listens "
                            + "beyond loopback (--delivery-allow " + rule.block() + " allows it)";
                }
            }
        }
        return null;
    }

    private static String describe(String host, byte[] address) {
        String text = AddressBlock.format(address);
        return host.equals(text) ? text : host + " (" + text + ")";
    }

    private static HostPattern first(List<HostPattern> patterns, String host) {
        for (HostPattern pattern : patterns) {
            if (pattern.matches(host)) {
                return pattern;
            }
        }
        return null;
    }

    /** One line for the start-up log. */
    public String summary() {
        StringBuilder text = new StringBuilder(loopbackServer
                ? "loopback and private addresses allowed (every listener is on loopback)"
                : "loopback and private addresses denied (listening beyond loopback)");
        text.append("; link-local and metadata addresses denied");
        String allowed = join(allowedNames, allowedBlocks);
        String denied = join(deniedNames, deniedBlocks);
        if (!allowed.isEmpty()) {
            text.append("; --delivery-allow ").append(allowed);
        }
        if (!denied.isEmpty()) {
            text.append("; --delivery-deny ").append(denied);
        }
        return text.toString();
    }

    private static String join(List<HostPattern> names, List<AddressBlock> blocks) {
        List<String> all = new ArrayList<>();
        names.forEach(n -> all.add(n.toString()));
        blocks.forEach(b -> all.add(b.toString()));
        return String.join(",", all);
    }

    @Override
    public String toString() {
        return "OutboundRules[" + summary() + "]";
    }
}
