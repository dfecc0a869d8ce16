package io.wharf.protocol.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Timestamps on the REST-XML wire. A member's {@code timestampFormat} decides; without one, headers carry
 * {@code rfc822} ({@code Thu, 03 Dec 2026 07:00:00 GMT}) and the XML body and query string {@code iso8601}
 * ({@code 2026-12-03T07:00:00.000Z}, always with milliseconds, as S3 writes them). Reading accepts any of the three
 * forms whatever the format, as AWS's services do.
 */
public final class Timestamps {
    public static final String RFC822 = "rfc822";
    public static final String ISO8601 = "iso8601";
    public static final String UNIX = "unixTimestamp";

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** Epoch milliseconds of {@code text}; IllegalArgumentException when it is no timestamp. */
    public static long parse(String text) {
        String trimmed = text.trim();
        try {
            if (trimmed.matches("-?\\d+(\\.\\d+)?")) {
                return new BigDecimal(trimmed).movePointRight(3).longValueExact();
            }
            if (!trimmed.isEmpty() && Character.isLetter(trimmed.charAt(0))) {
                return ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            }
            try {
                return Instant.parse(trimmed).toEpochMilli();
            } catch (DateTimeParseException e) {
                return OffsetDateTime.parse(trimmed).toInstant().toEpochMilli();
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("not a timestamp: " + text, e);
        }
    }

    /** {@code epochMillis} in {@code format} (null: {@code fallback}). */
    public static String format(long epochMillis, String format, String fallback) {
        String chosen = format != null ? format : fallback;
        Instant instant = Instant.ofEpochMilli(epochMillis);
        return switch (chosen) {
            case RFC822 -> HTTP_DATE.format(instant);
            case UNIX -> BigDecimal.valueOf(epochMillis).movePointLeft(3).stripTrailingZeros().toPlainString();
            default -> ISO_MILLIS.format(instant);
        };
    }
}
