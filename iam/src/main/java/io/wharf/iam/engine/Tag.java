package io.wharf.iam.engine;

/** One tag of a user, role or managed policy (or an STS session). */
public record Tag(String key, String value) {

    static java.util.List<Tag> list(java.util.Map<String, String> tags) {
        java.util.List<Tag> out = new java.util.ArrayList<>(tags.size());
        tags.forEach((k, v) -> out.add(new Tag(k, v)));
        return java.util.List.copyOf(out);
    }
}
