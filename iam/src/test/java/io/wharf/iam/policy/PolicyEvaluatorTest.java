package io.wharf.iam.policy;

import io.wharf.protocol.auth.AccessRequest;
import io.wharf.protocol.auth.Decision;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.wharf.iam.policy.Policies.A;
import static io.wharf.iam.policy.Policies.ALICE;
import static io.wharf.iam.policy.Policies.BOB;
import static io.wharf.iam.policy.Policies.QUEUE;
import static io.wharf.iam.policy.Policies.allow;
import static io.wharf.iam.policy.Policies.allowTo;
import static io.wharf.iam.policy.Policies.aws;
import static io.wharf.iam.policy.Policies.condition;
import static io.wharf.iam.policy.Policies.doc;
import static io.wharf.iam.policy.Policies.when;
import static org.assertj.core.api.Assertions.assertThat;

/** The evaluator as a component: its clock, its cache, its use from many threads at once. */
class PolicyEvaluatorTest {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void timeConditionsFollowTheInjectedClock() {
        MovableClock clock = new MovableClock(Instant.parse("2024-06-30T23:59:59Z"));
        PolicyEvaluator evaluator = new PolicyEvaluator(clock);
        IdentityPolicies untilJuly = new IdentityPolicies(List.of(PolicyDocument.parse(doc(when(
                allow("sqs:*", "*"), condition("DateLessThan", "aws:CurrentTime", "2024-07-01T00:00:00Z"))))));
        AccessRequest request = new AccessRequest(ALICE, "sqs:SendMessage", QUEUE, A, null, Map.of());

        assertThat(evaluator.evaluate(request, untilJuly)).isEqualTo(Decision.ALLOW);
        clock.now = Instant.parse("2024-07-01T00:00:00Z");
        assertThat(evaluator.evaluate(request, untilJuly)).isEqualTo(Decision.NO_IDENTITY_ALLOW);
    }

    @Test
    void theCacheStaysBoundedAndAnswersStayRight() {
        PolicyEvaluator evaluator = new PolicyEvaluator(EvaluationCase.CLOCK, 8);
        for (int i = 0; i < 100; i++) {
            String policy = doc(allowTo(aws(i % 2 == 0 ? BOB.arn() : ALICE.arn()), "sqs:SendMessage", QUEUE))
                    .replace("\"Version\"", "\"Id\":\"p" + i + "\",\"Version\"");
            AccessRequest request = new AccessRequest(BOB, "sqs:SendMessage", QUEUE, A, policy, Map.of());
            assertThat(evaluator.evaluate(request, IdentityPolicies.NONE))
                    .isEqualTo(i % 2 == 0 ? Decision.ALLOW : Decision.NO_IDENTITY_ALLOW);
            assertThat(evaluator.cachedPolicies()).isLessThanOrEqualTo(8);
        }
    }

    @Test
    void answersTheSameFromManyThreads() throws Exception {
        PolicyEvaluator evaluator = new PolicyEvaluator(EvaluationCase.CLOCK, 16);
        List<EvaluationCase> rows = new ArrayList<>(AccessTableTest.cases());
        rows.addAll(ConditionTableTest.cases());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int round = 0; round < 5; round++) {
                        for (int i = 0; i < rows.size(); i++) {
                            EvaluationCase row = rows.get((i + offset * 37) % rows.size());
                            if (row.evaluate(evaluator) != row.expected()) {
                                wrong.add(row.toString());
                            }
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
