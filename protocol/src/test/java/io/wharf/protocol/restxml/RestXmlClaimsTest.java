package io.wharf.protocol.restxml;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RestXmlClaimsTest {
    private static boolean hasAction(String body) {
        return RestXml.hasActionParameter(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anActionParameterAnywhereInAForm() {
        assertThat(hasAction("Action=ListQueues")).isTrue();
        assertThat(hasAction("Version=2012-11-05&Action=ListQueues")).isTrue();
        assertThat(hasAction("Action=")).isTrue();
        assertThat(hasAction("NoAction=x")).isFalse();
        assertThat(hasAction("x=Action=y")).isFalse();
        assertThat(hasAction("Actio")).isFalse();
        assertThat(hasAction("")).isFalse();
        assertThat(hasAction("action=ListQueues")).isFalse();
    }
}
