package io.wharf.console;

import io.wharf.protocol.auth.Principal;
import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions: random ids and CSRF tokens, an idle timeout, an absolute lifetime, a bounded number. */
class SessionsTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final Sessions sessions = new Sessions(clock, 3);
    private final Principal root = Principal.root("000000000000", "AKIDEXAMPLE");

    @Test
    void aSessionIsFoundByItsIdAndCarriesItsOwnCsrfToken() {
        Sessions.Session a = sessions.create(root);
        Sessions.Session b = sessions.create(root);

        assertThat(sessions.find(a.id)).isSameAs(a);
        assertThat(a.id).isNotEqualTo(b.id).hasSizeGreaterThanOrEqualTo(43); // 32 random bytes
        assertThat(a.csrfToken).isNotEqualTo(b.csrfToken).isNotEqualTo(a.id);
        assertThat(a.csrfMatches(a.csrfToken)).isTrue();
        assertThat(a.csrfMatches(b.csrfToken)).isFalse();
        assertThat(a.csrfMatches(null)).isFalse();
        assertThat(a.csrfMatches("")).isFalse();
        assertThat(sessions.find("not-a-session")).isNull();
        assertThat(sessions.find(null)).isNull();
    }

    @Test
    void anIdleSessionEndsAndUseKeepsOneAliveUntilItsLifetimeEnds() {
        long created = clock.millis();
        Sessions.Session idle = sessions.create(root);
        Sessions.Session used = sessions.create(root);
        while (clock.millis() + Duration.ofMinutes(59).toMillis() < created + Sessions.LIFETIME.toMillis()) {
            clock.advance(Duration.ofMinutes(59)); // used all along, each time within the 1 h idle limit
            assertThat(sessions.find(used.id)).isSameAs(used);
        }
        assertThat(sessions.find(idle.id)).as("idle for hours").isNull();

        clock.advance(Duration.ofMillis(created + Sessions.LIFETIME.toMillis() - clock.millis() - 1));
        assertThat(sessions.find(used.id)).isSameAs(used);
        clock.advance(Duration.ofMillis(1));
        assertThat(sessions.find(used.id)).as("8 h after sign-in").isNull();
    }

    @Test
    void theOldestSessionMakesRoomWhenThereAreTooMany() {
        Sessions.Session first = sessions.create(root);
        clock.advanceSeconds(1);
        Sessions.Session second = sessions.create(root);
        clock.advanceSeconds(1);
        Sessions.Session third = sessions.create(root);
        clock.advanceSeconds(1);
        Sessions.Session fourth = sessions.create(root);

        assertThat(sessions.size()).isEqualTo(3);
        assertThat(sessions.find(first.id)).isNull();
        assertThat(sessions.find(second.id)).isSameAs(second);
        assertThat(sessions.find(third.id)).isSameAs(third);
        assertThat(sessions.find(fourth.id)).isSameAs(fourth);
    }

    @Test
    void signingOutRemovesTheSessionAndAFlashIsShownOnce() {
        Sessions.Session session = sessions.create(root);
        session.flash = new Sessions.Flash("Purged q.", false);
        assertThat(session.takeFlash()).isEqualTo(new Sessions.Flash("Purged q.", false));
        assertThat(session.takeFlash()).isNull();

        sessions.remove(session.id);
        assertThat(sessions.find(session.id)).isNull();
    }
}
