package io.wharf.protocol.auth;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The request time of SigV4: {@code X-Amz-Date} in ISO 8601 basic format ({@code 20150830T123600Z}), else the
 * {@code Date} header.
 *
 * <p>AWS is lenient about what the header holds but strict about what was signed: SQS took
 * {@code X-Amz-Date: 20190811T155553+0100} and expected {@code 20190811T145553Z} in the string to sign (the answer
 * recorded in the sqs4s project's {@code models.scala}); scratchstack notes "AWS allows ISO 8601 extended format in the
 * header, but not in the string-to-sign or credential scope". So the header may be basic with a zone offset, extended
 * ISO 8601 or RFC 1123; the string to sign always carries the basic UTC form.
 */
record AmzDate(Instant instant, String basic) {
    private static final DateTimeFormatter BASIC_WITH_OFFSET = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssXX");

    /** The day of the credential scope, {@code yyyyMMdd}. */
    String day() {
        return basic.substring(0, 8);
    }

    /** The time in {@code text}, or null when it is none of the accepted forms. */
    static AmzDate parse(String text) {
        String trimmed = text.trim();
        if (trimmed.length() == 16 && trimmed.charAt(8) == 'T' && trimmed.charAt(15) == 'Z') {
            int year = digits(trimmed, 0, 4);
            int month = digits(trimmed, 4, 6);
            int day = digits(trimmed, 6, 8);
            int hour = digits(trimmed, 9, 11);
            int minute = digits(trimmed, 11, 13);
            int second = digits(trimmed, 13, 15);
            if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
                return null;
            }
            try {
                return new AmzDate(LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC),
                        trimmed);
            } catch (DateTimeException e) {
                return null;
            }
        }
        for (DateTimeFormatter format : new DateTimeFormatter[] {BASIC_WITH_OFFSET,
                DateTimeFormatter.ISO_OFFSET_DATE_TIME, DateTimeFormatter.RFC_1123_DATE_TIME}) {
            try {
                Instant instant = OffsetDateTime.parse(trimmed, format).toInstant().truncatedTo(ChronoUnit.SECONDS);
                return new AmzDate(instant, basic(instant));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }

    /** {@code yyyyMMdd'T'HHmmss'Z'} in UTC, seconds truncated. */
    static String basic(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(16);
        pad(out, t.getYear(), 4);
        pad(out, t.getMonthValue(), 2);
        pad(out, t.getDayOfMonth(), 2);
        out.append('T');
        pad(out, t.getHour(), 2);
        pad(out, t.getMinute(), 2);
        pad(out, t.getSecond(), 2);
        return out.append('Z').toString();
    }

    private static void pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        out.append("0".repeat(Math.max(0, width - digits.length()))).append(digits);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
