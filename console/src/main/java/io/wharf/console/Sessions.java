package io.wharf.console;

import io.wharf.protocol.auth.Principal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sign-in sessions, in memory only (a restart signs everybody out): a random id the browser keeps in
 * an HttpOnly cookie, the principal it acts as, and a CSRF token every state-changing form carries. Bounded in
 * number (the oldest session makes room for a new one) and in time (an absolute lifetime and an idle timeout).
 */
final class Sessions {
    static final int DEFAULT_MAX_SESSIONS = 1024;
    static final Duration LIFETIME = Duration.ofHours(8);
    static final Duration IDLE = Duration.ofHours(1);

    /** An action's outcome, shown once by the next page: what happened, or the error that stopped it. */
    record Flash(String text, boolean error) {
    }

    /** One signed-in browser. {@code flash} is a notice shown once by the next page (an action's outcome). */
    static final class Session {
        final String id;
        final Principal principal;
        final String csrfToken;
        final long createdMillis;
        volatile long lastUsedMillis;
        volatile Flash flash;

        Session(String id, Principal principal, String csrfToken, long createdMillis) {
            this.id = id;
            this.principal = principal;
            this.csrfToken = csrfToken;
            this.createdMillis = createdMillis;
            this.lastUsedMillis = createdMillis;
        }

        /** Whether {@code token} is this session's CSRF token (compared in constant time). */
        boolean csrfMatches(String token) {
            return token != null && MessageDigest.isEqual(token.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    csrfToken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        Flash takeFlash() {
            Flash shown = flash;
            flash = null;
            return shown;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final int maxSessions;

    Sessions(Clock clock, int maxSessions) {
        this.clock = clock;
        this.maxSessions = maxSessions;
    }

    /** A new session for {@code principal}; the oldest ones go when there are too many. */
    Session create(Principal principal) {
        long now = clock.millis();
        sessions.values().removeIf(s -> expired(s, now));
        while (sessions.size() >= maxSessions) {
            sessions.values().stream().min(Comparator.comparingLong(s -> s.createdMillis))
                    .ifPresent(oldest -> sessions.remove(oldest.id));
        }
        Session session = new Session(token(), principal, token(), now);
        sessions.put(session.id, session);
        return session;
    }

    /** The live session with this id (its idle time restarts), or null. */
    Session find(String id) {
        if (id == null) {
            return null;
        }
        Session session = sessions.get(id);
        if (session == null) {
            return null;
        }
        long now = clock.millis();
        if (expired(session, now)) {
            sessions.remove(id);
            return null;
        }
        session.lastUsedMillis = now;
        return session;
    }

    void remove(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    int size() {
        return sessions.size();
    }

    private static boolean expired(Session s, long now) {
        return now - s.createdMillis >= LIFETIME.toMillis() || now - s.lastUsedMillis >= IDLE.toMillis();
    }

    /** 32 random bytes, URL-safe base64: session ids and CSRF tokens. */
    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
