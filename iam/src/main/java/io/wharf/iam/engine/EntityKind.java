package io.wharf.iam.engine;

/** The IAM identities that hold policies: the word in their ARNs and errors, and their unique-id prefix. */
public enum EntityKind {
    USER("user", "User", "AIDA"),
    GROUP("group", "Group", "AGPA"),
    ROLE("role", "Role", "AROA");

    private final String word;
    private final String title;
    private final String idPrefix;

    EntityKind(String word, String title, String idPrefix) {
        this.word = word;
        this.title = title;
        this.idPrefix = idPrefix;
    }

    /** "user": in ARNs ({@code :user/path/name}) and in "The user with name X cannot be found." */
    public String word() {
        return word;
    }

    /** "User": in "User with name X already exists." and in quota names. */
    public String title() {
        return title;
    }

    String idPrefix() {
        return idPrefix;
    }
}
