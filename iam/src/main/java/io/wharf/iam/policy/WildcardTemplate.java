package io.wharf.iam.policy;

/**
 * A wildcard pattern that may hold policy variables: a {@code Resource} entry, a {@code StringLike} or {@code ArnLike}
 * value. Without variables the {@link Glob} is compiled once at parse time; with them it is assembled per evaluation
 * from the variables' values (still no regular expression).
 */
final class WildcardTemplate {
    private final Template template;
    private final boolean arnSegments;
    private final Glob constant;

    WildcardTemplate(Template template, boolean arnSegments) {
        this.template = template;
        this.arnSegments = arnSegments;
        this.constant = template.constant() ? Glob.of(template.raw(), arnSegments) : null;
    }

    boolean constant() {
        return constant != null;
    }

    /** Whether {@code text} matches; an unresolvable variable matches nothing. */
    boolean matches(String text, EvaluationContext context) {
        if (constant != null) {
            return constant.matches(text);
        }
        int[] codes = template.codes(context);
        return codes != null && Glob.of(codes, arnSegments).matches(text);
    }

    /** The pattern with variables resolved, for a caller that matches many texts; null when unresolvable. */
    Glob resolve(EvaluationContext context) {
        if (constant != null) {
            return constant;
        }
        int[] codes = template.codes(context);
        return codes == null ? null : Glob.of(codes, arnSegments);
    }

    @Override
    public String toString() {
        return template.raw();
    }
}
