package org.govtel.app.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AdvertisedAddressTest {

    @Test
    void aConfiguredAddressWins() {
        assertThat(AdvertisedAddress.resolve("0.0.0.0", "10.20.0.5")).isEqualTo("10.20.0.5");
        assertThat(AdvertisedAddress.resolve("127.0.0.1", " 10.20.0.5 ")).isEqualTo("10.20.0.5");
    }

    @Test
    void aSpecificBindAddressIsAdvertisedAsIs() {
        assertThat(AdvertisedAddress.resolve("127.0.0.1", null)).isEqualTo("127.0.0.1");
        assertThat(AdvertisedAddress.resolve("10.20.0.5", "")).isEqualTo("10.20.0.5");
    }

    @Test
    void theWildcardIsNeverAdvertised() throws Exception {
        String advertised = AdvertisedAddress.resolve("0.0.0.0", null);
        assertThat(advertised).isNotEqualTo("0.0.0.0");
        InetAddress a = InetAddress.getByName(advertised);
        assertThat(a.getAddress()).hasSize(4);
        assertThat(a.isLinkLocalAddress()).isFalse();
    }
}
