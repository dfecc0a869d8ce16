package io.wharf.iam.policy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Date values of the {@code Date…} condition operators: the W3C profile of ISO-8601 ({@code 2024}, {@code 2024-06},
 * {@code 2024-06-01}, {@code 2024-06-01T12:00Z}, {@code 2024-06-01T12:00:00.5+02:00}; {@code t}/{@code z} in either
 * case; no zone means UTC) or epoch seconds ({@code 1717243200}). Written by hand so that a policy IAM's legacy parser
 * refuses ({@code 2016-12-13t2:00:00+1}, a 13th month) is refused here too.
 */
final class PolicyDates {
    private PolicyDates() {
    }

    /** The instant, or null when the text is neither form. */
    static Instant parse(String text) {
        String value = text.trim();
        if (value.isEmpty()) {
            return null;
        }
        if (value.indexOf('t') < 0 && value.indexOf('T') < 0 && value.indexOf('-') < 0) {
            return epoch(value);
        }
        try {
            return iso(value);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static Instant epoch(String value) {
        if (value.length() > 19 || !value.chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value);
            return seconds > Instant.MAX.getEpochSecond() ? Instant.MAX : Instant.ofEpochSecond(seconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant iso(String value) {
        int t = Math.max(value.indexOf('T'), value.indexOf('t'));
        String date = t < 0 ? value : value.substring(0, t);
        String time = t < 0 ? "" : value.substring(t + 1);

        boolean negativeYear = date.startsWith("-");
        String[] dateParts = (negativeYear ? date.substring(1) : date).split("-", -1);
        if (dateParts.length > 3) {
            return null;
        }
        int year = number(dateParts[0], 1, 9) * (negativeYear ? -1 : 1);
        int month = dateParts.length > 1 ? number(dateParts[1], 1, 2) : 1;
        int day = dateParts.length > 2 ? number(dateParts[2], 1, 2) : 1;

        ZoneOffset offset = ZoneOffset.UTC;
        int zone = Math.max(Math.max(time.indexOf('Z'), time.indexOf('z')), Math.max(time.indexOf('+'),
                time.lastIndexOf('-')));
        if (zone >= 0) {
            offset = offset(time.substring(zone));
            if (offset == null) {
                return null;
            }
            time = time.substring(0, zone);
        }
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        if (!time.isEmpty()) {
            String[] timeParts = time.split(":", -1);
            if (timeParts.length > 3) {
                return null;
            }
            hour = number(timeParts[0], 1, 2);
            minute = timeParts.length > 1 ? number(timeParts[1], 1, 2) : 0;
            if (timeParts.length > 2) {
                String seconds = timeParts[2];
                int dot = seconds.indexOf('.');
                second = number(dot < 0 ? seconds : seconds.substring(0, dot), 1, 2);
                if (dot >= 0) {
                    String fraction = seconds.substring(dot + 1);
                    number(fraction, 1, 9);
                    nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
                }
            }
        } else if (t >= 0 && zone < 0) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(offset);
    }

    private static ZoneOffset offset(String zone) {
        if (zone.equalsIgnoreCase("z")) {
            return ZoneOffset.UTC;
        }
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        String[] parts = zone.substring(1).split(":", -1);
        if (parts.length > 2 || parts[0].length() != 2 || (parts.length == 2 && parts[1].length() != 2)) {
            return null;
        }
        try {
            int hours = number(parts[0], 2, 2);
            int minutes = parts.length == 2 ? number(parts[1], 2, 2) : 0;
            if (hours > 23 || minutes > 59) {
                return null;
            }
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    private static int number(String digits, int minLength, int maxLength) {
        if (digits.length() < minLength || digits.length() > maxLength || !digits.chars().allMatch(Character::isDigit)) {
            throw new NumberFormatException(digits);
        }
        return Integer.parseInt(digits);
    }
}
