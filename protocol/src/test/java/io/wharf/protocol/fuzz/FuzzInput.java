package io.wharf.protocol.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Structure from a fuzzer's bytes, kept readable so that corpus files can be written by hand: a target reads the
 * input as lines (fields) or as one selector line followed by a raw body.
 */
public final class FuzzInput {
    private final byte[] bytes;

    public FuzzInput(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The text before the first newline (the whole input when there is none). */
    public String selector() {
        int newline = indexOfNewline();
        return new String(bytes, 0, newline < 0 ? bytes.length : newline, StandardCharsets.UTF_8);
    }

    /** The bytes after the first newline (empty when there is none). */
    public byte[] body() {
        int newline = indexOfNewline();
        return newline < 0 ? new byte[0] : Arrays.copyOfRange(bytes, newline + 1, bytes.length);
    }

    /** Exactly {@code count} fields: the input split at newlines, the last field taking the rest, missing ones "". */
    public List<String> fields(int count) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> fields = new ArrayList<>(Arrays.asList(text.split("\n", count)));
        while (fields.size() < count) {
            fields.add("");
        }
        return fields;
    }

    /** Picks one of {@code options} by name, or by the name's hash when no option has it (any input picks one). */
    public static <T> T pick(List<T> options, List<String> names, String name) {
        int index = names.indexOf(name);
        return options.get(index >= 0 ? index : Math.floorMod(name.hashCode(), options.size()));
    }

    private int indexOfNewline() {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
