package io.wharf.iam.engine;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;

/**
 * AWS's identifiers, which carry the account they belong to. An access key id is a 4-letter prefix ({@code AKIA}
 * long-term, {@code ASIA} temporary) and 16 base32 characters (RFC 4648 alphabet {@code A-Z2-7}) holding 80 bits: a
 * leading 1 bit, the account id in the next 40 bits, then 39 random bits. That is the layout AWS's own keys show
 * (STS GetAccessKeyInfo answers any key's account from it, without looking the key up), so keys made here decode
 * with any tool that decodes AWS's. Unique ids ({@code AIDA…} users, {@code AGPA…} groups, {@code AROA…} roles,
 * {@code ANPA…} policies) use the same 16 characters plus one random character: 21 in all, as AWS's.
 */
public final class AccessKeyIds {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int ACCOUNT_BITS = 40;
    private static final int RANDOM_BITS = 39;
    private static final BigInteger ACCOUNT_MASK = BigInteger.ONE.shiftLeft(ACCOUNT_BITS).subtract(BigInteger.ONE);
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final Random random;

    public AccessKeyIds() {
        this(new SecureRandom());
    }

    AccessKeyIds(Random random) {
        this.random = random;
    }

    /** A new key id: {@code prefix} ("AKIA", "ASIA") and 16 characters encoding {@code accountId}. */
    public String keyId(String prefix, String accountId) {
        return prefix + encode(accountId);
    }

    /** A new unique id of 21 characters: {@code prefix} ("AIDA", "AGPA", "AROA", "ANPA") and 17 more. */
    public String uniqueId(String prefix, String accountId) {
        return prefix + encode(accountId) + ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }

    /** A secret access key: 40 characters of the base64 alphabet, as AWS's. */
    public String secret() {
        StringBuilder out = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            out.append(SECRET_ALPHABET.charAt(random.nextInt(SECRET_ALPHABET.length())));
        }
        return out.toString();
    }

    private String encode(String accountId) {
        BigInteger account = new BigInteger(accountId);
        BigInteger bits = BigInteger.ONE.shiftLeft(ACCOUNT_BITS).or(account).shiftLeft(RANDOM_BITS)
                .or(new BigInteger(RANDOM_BITS, random));
        StringBuilder out = new StringBuilder(16);
        for (int i = 15; i >= 0; i--) {
            out.append(ALPHABET.charAt(bits.shiftRight(i * 5).intValue() & 31));
        }
        return out.toString();
    }

    /**
     * The account an access key id (or unique id) names, as 12 digits; null when it is not in AWS's layout (fewer
     * than 20 characters, or characters outside the base32 alphabet after the prefix).
     */
    public static String accountOf(String keyId) {
        if (keyId == null || keyId.length() < 20) {
            return null;
        }
        BigInteger bits = BigInteger.ZERO;
        for (int i = 4; i < 20; i++) {
            int value = ALPHABET.indexOf(keyId.charAt(i));
            if (value < 0) {
                return null;
            }
            bits = bits.shiftLeft(5).or(BigInteger.valueOf(value));
        }
        long account = bits.shiftRight(RANDOM_BITS).and(ACCOUNT_MASK).longValueExact();
        return account > 999_999_999_999L ? null : String.format("%012d", account);
    }
}
