package io.wharf.iam.engine;

import io.wharf.iam.IamCredentials;
import io.wharf.protocol.auth.CredentialStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Credential lookups run beside changes without a lock and never see a half-made user or key. */
class ConcurrencyTest extends EngineFixture {

    @Test
    void lookupsDuringChurnSeeWholeUsersOrNone() throws Exception {
        CredentialStore credentials = new IamCredentials(engine);
        engine.users().create(ACCOUNT, "stable", null, List.of(new Tag("t", "1")));
        String stableKey = engine.accessKeys().create(ACCOUNT, "stable").key().accessKeyId();
        AtomicBoolean stop = new AtomicBoolean();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(threads.submit(() -> {
                    while (!stop.get()) {
                        var principal = credentials.find(stableKey, null, clock.instant()).principal();
                        if (!principal.name().startsWith("stable") || !principal.tags().containsKey("t")) {
                            problems.add(principal.toString());
                        }
                    }
                }));
            }
            for (int i = 0; i < 300; i++) {
                String name = "churn" + i;
                engine.users().create(ACCOUNT, name, null, List.of());
                String key = engine.accessKeys().create(ACCOUNT, name).key().accessKeyId();
                assertThat(credentials.find(key, null, clock.instant()).principal().name()).isEqualTo(name);
                engine.accessKeys().delete(ACCOUNT, name, key);
                engine.users().delete(ACCOUNT, name);
                engine.users().update(ACCOUNT, i % 2 == 0 ? "stable" : "stable2", null, i % 2 == 0 ? "stable2" : "stable");
            }
            stop.set(true);
            for (Future<?> reader : readers) {
                reader.get();
            }
        } finally {
            stop.set(true);
            threads.shutdownNow();
        }
        assertThat(problems).isEmpty();
        assertThat(engine.users().list(ACCOUNT, null, null, null).items()).extracting(User::name)
                .containsExactly("stable");
    }
}
