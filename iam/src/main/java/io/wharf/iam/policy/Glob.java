package io.wharf.iam.policy;

/**
 * A wildcard pattern ({@code *} any run of characters, {@code ?} one character), compiled once into an array of codes
 * and matched without regular expressions. Matching is case-sensitive; callers that need case-insensitivity (actions)
 * lower-case both sides before.
 *
 * <p>In ARN mode the wildcards follow the ARN's segments, as IAM's {@code ArnLike} and {@code Resource} do: a wildcard
 * in one of the first five colon-separated segments matches within that segment only (it never swallows a colon),
 * unless it sits in the last segment the pattern writes, in which case it may run over the remaining segments; from
 * the sixth segment on (the resource part) wildcards match anything, colons included. So
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
    /** In ARN mode, where the free part begins: the start of segment min(5, last written segment). */
    private final int boundEnd;

    private Glob(int[] codes, Shape shape, int boundEnd) {
        this.codes = codes;
        this.shape = shape;
        this.boundEnd = boundEnd;
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

    /** The codes are the caller's to give away: ARN mode marks the segment-bound wildcards in place. */
    static Glob of(int[] codes, boolean arnSegments) {
        int boundEnd = arnSegments ? bindToSegments(codes) : 0;
        return new Glob(codes, shapeOf(codes), boundEnd);
    }

    /** Marks the wildcards of the bound segments; returns where the free part begins. */
    private static int bindToSegments(int[] codes) {
        int colons = 0;
        for (int code : codes) {
            if (code == ':') {
                colons++;
            }
        }
        int boundSegments = Math.min(5, colons);
        if (boundSegments == 0) {
            return 0;
        }
        int seen = 0;
        for (int i = 0; i < codes.length; i++) {
            int code = codes[i];
            if (code == ':') {
                if (++seen == boundSegments) {
                    return i + 1;
                }
            } else if (code == STAR) {
                codes[i] = SEGMENT_STAR;
            } else if (code == ONE) {
                codes[i] = SEGMENT_ONE;
            }
        }
        return 0;
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
            case SIMPLE -> greedy(0, codes.length, text, 0, text.length());
            case SEGMENTED -> segmented(text);
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

    /**
     * The classic backtrack-to-the-last-star walk over {@code codes[from, to)} and {@code text[start, end)}; right when
     * no star in the range may be stopped by a colon (within one ARN segment none can meet one).
     */
    private boolean greedy(int from, int to, String text, int start, int end) {
        int p = from;
        int t = start;
        int star = -1;
        int starText = start;
        while (t < end) {
            int code = p < to ? codes[p] : 0;
            if (p < to && (code == ONE || code == SEGMENT_ONE || code == text.charAt(t))) {
                p++;
                t++;
            } else if (p < to && (code == STAR || code == SEGMENT_STAR)) {
                star = p++;
                starText = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < to && (codes[p] == STAR || codes[p] == SEGMENT_STAR)) {
            p++;
        }
        return p == to;
    }

    /**
     * ARN mode: each bound segment of the pattern must match the text's segment up to its next colon exactly (its
     * wildcards cannot reach a colon), then the free rest matches the rest of the text.
     */
    private boolean segmented(String text) {
        int p = 0;
        int t = 0;
        while (p < boundEnd) {
            int patternEnd = p;
            while (codes[patternEnd] != ':') {
                patternEnd++;
            }
            int textEnd = text.indexOf(':', t);
            if (textEnd < 0 || !greedy(p, patternEnd, text, t, textEnd)) {
                return false;
            }
            p = patternEnd + 1;
            t = textEnd + 1;
        }
        return greedy(p, codes.length, text, t, text.length());
    }
}
