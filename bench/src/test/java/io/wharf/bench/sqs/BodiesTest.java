package io.wharf.bench.sqs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BodiesTest {

    @Test
    void aStampedBodyHasItsSizeAndGivesItsStampBack() {
        Bodies bodies = new Bodies(1024);

        String body = bodies.stamped(-123_456_789L);

        assertThat(body).hasSize(1024);
        assertThat(Bodies.stampOf(body)).isEqualTo(-123_456_789L);
        assertThat(Bodies.stampOf("hello; world")).isEqualTo(Bodies.NO_STAMP);
        assertThat(Bodies.stampOf("t=abc;")).isEqualTo(Bodies.NO_STAMP);
    }
}
