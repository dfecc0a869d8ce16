package io.wharf.mq.engine;

import io.wharf.mq.MqErrors;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Amazon MQ's rules for names and passwords, with its wording, checked before anything changes. */
final class MqValidation {
    /** Broker names: 1-50 characters, letters, digits, dashes and underscores (no spaces, no wildcards). */
    private static final Pattern BROKER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,50}");
    /** Configuration names: 1-150 characters, letters, digits, dashes, periods, underscores and tildes. */
    private static final Pattern CONFIGURATION_NAME = Pattern.compile("[A-Za-z0-9._~-]{1,150}");
    /** Usernames: 2-100 characters, letters, digits, dashes, periods, underscores and tildes. */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._~-]{2,100}");
    static final int MAX_PASSWORD = 250;
    static final int MIN_PASSWORD = 12;
    static final int MAX_TAGS = 50;
    static final int MAX_DESCRIPTION = 500;

    private MqValidation() {
    }

    static void brokerName(String name) {
        if (!BROKER_NAME.matcher(name).matches()) {
            throw MqErrors.badRequest("brokerName", "Broker name [" + name + "] is invalid. Broker names must be "
                    + "1-50 characters long and can contain only letters, numbers, dashes and underscores.");
        }
    }

    static void configurationName(String name) {
        if (!CONFIGURATION_NAME.matcher(name).matches()) {
            throw MqErrors.badRequest("name", "Configuration name [" + name + "] is invalid. Configuration names "
                    + "must be 1-150 characters long and can contain only letters, numbers, dashes, periods, "
                    + "underscores and tildes (- . _ ~).");
        }
    }

    static void username(String username) {
        if (!USERNAME.matcher(username).matches()) {
            throw MqErrors.badRequest("username", "Username [" + username + "] is invalid. Usernames must be "
                    + "2-100 characters long and can contain only letters, numbers, dashes, periods, underscores "
                    + "and tildes (- . _ ~).");
        }
    }

    /** AWS: 12 to 250 characters, at least 4 unique, none of {@code , : =}. The password is never quoted back. */
    static void password(String password) {
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw MqErrors.badRequest("password", "Password is invalid. Enter a password 12 to 250 characters long.");
        }
        if (password.indexOf(',') >= 0 || password.indexOf(':') >= 0 || password.indexOf('=') >= 0) {
            throw MqErrors.badRequest("password", "Password is invalid. Make sure your password doesn't contain "
                    + "invalid characters [, :=].");
        }
        Set<Integer> unique = new HashSet<>();
        password.codePoints().forEach(unique::add);
        if (unique.size() < 4) {
            throw MqErrors.badRequest("password", "Password is invalid. Enter a password with at least 4 unique "
                    + "characters.");
        }
    }

    static void tags(java.util.Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw MqErrors.badRequest("tags", "A resource can have at most " + MAX_TAGS + " tags.");
        }
        for (var tag : tags.entrySet()) {
            if (tag.getKey().isEmpty() || tag.getKey().length() > 128 || tag.getKey().startsWith("aws:")) {
                throw MqErrors.badRequest("tags", "Tag key [" + tag.getKey() + "] is invalid. Tag keys must be "
                        + "1-128 characters long and must not start with aws:.");
            }
            if (tag.getValue().length() > 256) {
                throw MqErrors.badRequest("tags", "The value of tag [" + tag.getKey() + "] is invalid. Tag values "
                        + "must be at most 256 characters long.");
            }
        }
    }

    static void description(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw MqErrors.badRequest("description", "Description is invalid. Descriptions must be at most "
                    + MAX_DESCRIPTION + " characters long.");
        }
    }
}
