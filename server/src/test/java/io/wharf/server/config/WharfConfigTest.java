package io.wharf.server.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WharfConfigTest {

    @Test
    void urlHostAppendsTheListeningPortOnlyWhenNoneIsGiven() {
        assertThat(WharfConfig.builder().build().urlHost(4566)).isNull();
        assertThat(WharfConfig.builder().hostname("wharf.local").build().urlHost(4567)).isEqualTo("wharf.local:4567");
        assertThat(WharfConfig.builder().hostname("wharf.local:80").build().urlHost(4567)).isEqualTo("wharf.local:80");
        assertThat(WharfConfig.builder().hostname("[::1]").build().urlHost(9)).isEqualTo("[::1]:9");
        assertThat(WharfConfig.builder().hostname("[::1]:8080").build().urlHost(9)).isEqualTo("[::1]:8080");
    }

    @Test
    void regionsOfEveryShapeAreAccepted() {
        for (String region : new String[]{"us-east-1", "us-gov-west-1", "cn-north-1", "ap-southeast-5", "eu-central-2"}) {
            assertThat(WharfConfig.builder().region(region).build().region()).isEqualTo(region);
        }
    }

    @Test
    void builderValidates() {
        assertThatThrownBy(() -> WharfConfig.builder().accountId("0000000000001").build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid --account-id '0000000000001': expected exactly 12 digits");
        assertThatThrownBy(() -> WharfConfig.builder().port(-1).build()).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> WharfConfig.builder().hostname("a b").build()).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> WharfConfig.builder().hostname("::1").build()).isInstanceOf(ConfigException.class);
    }
}
