package io.wharf.protocol.restxml;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VirtualHostsTest {
    private final VirtualHosts hosts = new VirtualHosts(Arrays.asList("wharf.example:4566", null, "10.0.0.1:4566",
            "[::1]:4566"));

    @Test
    void bucketsBeforeKnownSuffixes() {
        assertThat(hosts.bucket("photos.localhost:4566")).isEqualTo("photos");
        assertThat(hosts.bucket("photos.s3.localhost")).isEqualTo("photos");
        assertThat(hosts.bucket("my.photos.wharf.example")).isEqualTo("my.photos");
        assertThat(hosts.bucket("photos.wharf.example.:80")).isEqualTo("photos");
        assertThat(hosts.bucket("Photos.LOCALHOST")).isEqualTo("photos");
    }

    @Test
    void notVirtualHosts() {
        for (String host : List.of("localhost:4566", "s3.localhost", "wharf.example", "s3.wharf.example",
                "127.0.0.1:4566", "10.0.0.1", "[::1]:4566", "::1", "photos.elsewhere.example", "", "xlocalhost")) {
            assertThat(hosts.bucket(host)).as(host).isNull();
        }
        assertThat(hosts.bucket(null)).isNull();
    }
}
