package io.wharf.protocol.fuzz;

/**
 * Findings that belong to another piece of work of the same issue (issue 12 item 7, the {@code input} branch: NaN,
 * Infinity and overflowing numbers, control characters in XML answers). Until that work lands, the targets stop at
 * these inputs instead of failing the build on them; each finding also has a {@code @Disabled} regression test
 * naming it. Delete a predicate (and enable its test) when its fix is in: the fuzz run then proves the fix. With
 * {@code -Dfuzz.known=fail} no finding is skipped (to see whether they are still there, or fixed).
 */
public final class KnownFindings {
    private static final boolean SKIP = !"fail".equals(System.getProperty("fuzz.known"));

    private KnownFindings() {
    }

    /**
     * F1: a number the JSON or CBOR wire can carry but {@code BigDecimal} cannot hold — {@code 1e999} (JSON, parsed
     * as an infinite double), NaN and Infinity (CBOR floats) — reaches {@code Validator.timestamp}'s
     * {@code decimalValue()} and throws {@link NumberFormatException} ("Infinite or NaN"): an InternalFailure 500
     * instead of SerializationException. Also listed in issue 12 ("500s from numbers").
     */
    public static boolean numberFromTheWire(RuntimeException e) {
        return SKIP && e instanceof NumberFormatException && String.valueOf(e.getMessage()).contains("Infinite or NaN");
    }

    /**
     * F2: a character XML 1.0 does not allow (C0 controls other than tab, newline and carriage return; U+FFFE,
     * U+FFFF; unpaired surrogates) is written into a Query/XML answer as it is, so no XML parser accepts the answer.
     * Also listed in issue 12 ("Control characters poison XML answers").
     */
    public static boolean notAnXmlCharacter(String text) {
        return SKIP && hasNonXmlCharacter(text);
    }

    static boolean hasNonXmlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD);
            if (!allowed) {
                return true;
            }
        }
        return false;
    }
}
