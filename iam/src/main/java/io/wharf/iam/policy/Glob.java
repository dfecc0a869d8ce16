package io.wharf.iam.policy;

/**
 * A wildcard pattern ({@code *} any run of characters, {@code ?} one character), compiled once into an array of codes
 * and matched without regular expressions. Matching is case-sensitive; callers that need case-insensitivity (actions)
 * lower-case both sides before.
 *
 * <p>In ARN mode the wildcards follow the ARN's segments, as IAM's {@code ArnLike} and {@code Resource} do: a wildcard
 * in one of the first five colon-separated segments matches within that segment only (it never swallows a colon),
 * unless it sits in the last segment the pattern writes, in which case it may run over the remaining segments. So
 * {@code arn:aws:sqs:*:111122223333:q} needs the account to be exactly {@code 111122223333}, while
 * {@code arn:aws:sqs:*} matches every SQS ARN. The last rule is Wharf's reading of the common {@code service:*}
 * shorthand; AWS documents only the per-segment rule.
 */
final class Glob {
    static final int STAR = -1;
    static final int ONE = -2;
    static final int SEGMENT_STAR = -3;
    static final int SEGMENT_ONE = -4;

    private enum Shape { EXACT, PREFIX, ANY, SIMPLE, SEGMENTED }

    private final int[] codes;
    private final Shape shape;

    private Glob(int[] codes, Shape shape) {
        this.codes = codes;
        this.shape = shape;
    }

    /** Codes for pattern text: {@code *} and {@code ?} are wildcards, every other character is itself. */
    static int[] wildcardCodes(String text) {
        int[] codes = new int[text.length()];
        for (int i = 0; i < codes.length; i++) {
            char c = text.charAt(i);
            codes[i] = c == '*' ? STAR : c == '?' ? ONE : c;
        }
        return codes;
    }

    /** Codes for literal text (a policy variable's value): no character is a wildcard. */
    static int[] literalCodes(String text) {
        int[] codes = new int[text.length()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = text.charAt(i);
        }
        return codes;
    }

    static Glob of(String pattern, boolean arnSegments) {
        return of(wildcardCodes(pattern), arnSegments);
    }

    static Glob of(int[] codes, boolean arnSegments) {
        if (arnSegments) {
            bindToSegments(codes);
        }
        return new Glob(codes, shapeOf(codes));
    }

    private static void bindToSegments(int[] codes) {
        int colonsBefore = 0;
        int lastColon = -1;
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == ':') {
                lastColon = i;
            }
        }
        for (int i = 0; i < codes.length; i++) {
            int code = codes[i];
            if (code == ':') {
                colonsBefore++;
            } else if (colonsBefore < 5 && i < lastColon) {
                if (code == STAR) {
                    codes[i] = SEGMENT_STAR;
                } else if (code == ONE) {
                    codes[i] = SEGMENT_ONE;
                }
            }
        }
    }

    private static Shape shapeOf(int[] codes) {
        int wildcards = 0;
        boolean segmented = false;
        boolean onlyStars = true;
        for (int code : codes) {
            if (code < 0) {
                wildcards++;
                segmented |= code == SEGMENT_STAR || code == SEGMENT_ONE;
                onlyStars &= code == STAR;
            }
        }
        if (wildcards == 0) {
            return Shape.EXACT;
        }
        if (segmented) {
            return Shape.SEGMENTED;
        }
        if (codes.length == 1 && codes[0] == STAR) {
            return Shape.ANY;
        }
        if (wildcards == 1 && onlyStars && codes[codes.length - 1] == STAR) {
            return Shape.PREFIX;
        }
        return Shape.SIMPLE;
    }

    boolean matches(String text) {
        return switch (shape) {
            case ANY -> true;
            case EXACT -> text.length() == codes.length && literalPrefix(text, codes.length);
            case PREFIX -> text.length() >= codes.length - 1 && literalPrefix(text, codes.length - 1);
            case SIMPLE -> greedy(text);
            case SEGMENTED -> table(text);
        };
    }

    private boolean literalPrefix(String text, int length) {
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) != codes[i]) {
                return false;
            }
        }
        return true;
    }

    /** The classic backtrack-to-the-last-star walk; right when every star is the unrestricted kind. */
    private boolean greedy(String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int starText = 0;
        int n = text.length();
        while (t < n) {
            if (p < codes.length && (codes[p] == ONE || codes[p] == text.charAt(t))) {
                p++;
                t++;
            } else if (p < codes.length && codes[p] == STAR) {
                star = p++;
                starText = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < codes.length && codes[p] == STAR) {
            p++;
        }
        return p == codes.length;
    }

    /** Dynamic programming over (pattern position, text position); needed once stars may not cross colons. */
    private boolean table(String text) {
        int n = text.length();
        boolean[] previous = new boolean[n + 1];
        boolean[] current = new boolean[n + 1];
        previous[0] = true;
        for (int code : codes) {
            current[0] = previous[0] && (code == STAR || code == SEGMENT_STAR);
            for (int j = 1; j <= n; j++) {
                char c = text.charAt(j - 1);
                current[j] = switch (code) {
                    case STAR -> previous[j] || current[j - 1];
                    case SEGMENT_STAR -> previous[j] || (current[j - 1] && c != ':');
                    case ONE -> previous[j - 1];
                    case SEGMENT_ONE -> previous[j - 1] && c != ':';
                    default -> previous[j - 1] && c == code;
                };
            }
            boolean[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[n];
    }
}
