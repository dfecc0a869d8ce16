package io.wharf.protocol.auth;

/**
 * How much of AWS's access control a server applies.
 * <ul>
 *   <li>{@link #OFF}: any credentials (or none) are accepted unverified; a request acts as the principal its access
 *       key names when Wharf knows the key, else as the root of the account a 12-digit key names, else as the root
 *       of the default account. No policy is evaluated.</li>
 *   <li>{@link #VERIFY}: every request must be signed (SigV4) with a key Wharf knows; policies are not evaluated.</li>
 *   <li>{@link #ENFORCE}: signatures verified and every call authorised by the identity and resource policies.</li>
 * </ul>
 */
public enum AuthMode {
    OFF, VERIFY, ENFORCE;

    public boolean verifiesSignatures() {
        return this != OFF;
    }

    public boolean evaluatesPolicies() {
        return this == ENFORCE;
    }
}
