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

    @Test
    void authIsOffOnLoopbackAndEnforcedElsewhereUnlessChosen() {
        assertThat(WharfConfig.builder().build().effectiveAuth()).isEqualTo(io.wharf.protocol.auth.AuthMode.OFF);
        assertThat(WharfConfig.builder().host("::1").build().effectiveAuth()).isEqualTo(io.wharf.protocol.auth.AuthMode.OFF);
        assertThat(WharfConfig.builder().host("localhost").build().effectiveAuth())
                .isEqualTo(io.wharf.protocol.auth.AuthMode.OFF);
        assertThat(WharfConfig.builder().host("0.0.0.0").build().effectiveAuth())
                .isEqualTo(io.wharf.protocol.auth.AuthMode.ENFORCE);
        assertThat(WharfConfig.builder().host("192.168.1.20").build().effectiveAuth())
                .isEqualTo(io.wharf.protocol.auth.AuthMode.ENFORCE);
        assertThat(WharfConfig.builder().host("wharf.example").build().effectiveAuth())
                .isEqualTo(io.wharf.protocol.auth.AuthMode.ENFORCE);
        assertThat(WharfConfig.builder().host("0.0.0.0").auth(io.wharf.protocol.auth.AuthMode.OFF).build().effectiveAuth())
                .isEqualTo(io.wharf.protocol.auth.AuthMode.OFF);
    }

    @Test
    void inMemoryServersThatVerifyNeedARootKey() {
        assertThatThrownBy(() -> WharfConfig.builder().inMemory(true).host("0.0.0.0").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("--root-access-key-id");
        assertThat(WharfConfig.builder().inMemory(true).host("0.0.0.0").rootAccessKeyId("AKIAROOT")
                .rootSecretAccessKey("root-secret").build().rootKey().accessKeyId()).isEqualTo("AKIAROOT");
    }

    @Test
    void rootKeysAndAccountsAreCheckedWithoutShowingSecrets() {
        assertThatThrownBy(() -> WharfConfig.builder().rootAccessKeyId("AKIAROOT").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("go together");
        assertThatThrownBy(() -> WharfConfig.builder().rootAccessKeyId("AKIAROOT").rootSecretAccessKey("short").build())
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("short");
        assertThatThrownBy(() -> WharfConfig.builder().account("000000000000", "AKIAONE", "secret-one").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("already configured");
        assertThatThrownBy(() -> WharfConfig.builder().account("111111111111", "AKIASAME", "secret-one")
                .account("222222222222", "AKIASAME", "secret-two").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("used twice");
        assertThatThrownBy(() -> WharfConfig.builder().account("1111", "AKIAONE", "secret-one").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("12 digits");
    }
}
