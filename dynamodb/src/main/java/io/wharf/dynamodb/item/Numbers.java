package io.wharf.dynamodb.item;

import io.wharf.dynamodb.DynamoDbErrors;

import java.math.BigDecimal;

/**
 * DynamoDB's number rules: up to 38 significant digits, magnitudes from 1E-130 to under 1E+126, positive,
 * negative or zero. The messages are AWS's.
 */
public final class Numbers {
    private Numbers() {
    }

    /** Parses a wire number; a malformed or out-of-range one is a {@code ValidationException} with AWS's text. */
    public static BigDecimal parse(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw DynamoDbErrors.validation(
                    "The parameter cannot be converted to a numeric value: " + text);
        }
        return check(value);
    }

    /** Checks precision and magnitude, as AWS does for stored numbers and arithmetic results. */
    public static BigDecimal check(BigDecimal value) {
        BigDecimal v = normalise(value);
        if (v.signum() == 0) {
            return v;
        }
        if (v.precision() > 38) {
            throw DynamoDbErrors.validation("Attempting to store more than 38 significant digits in a Number");
        }
        int exponent = v.precision() - v.scale() - 1; // position of the most significant digit
        if (exponent > 125) {
            throw DynamoDbErrors.validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (exponent < -130) {
            throw DynamoDbErrors.validation("Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return v;
    }

    /** Strips trailing zeros (so {@code 1.0} equals {@code 1}) and gives zero one form. */
    public static BigDecimal normalise(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return value.stripTrailingZeros();
    }
}
