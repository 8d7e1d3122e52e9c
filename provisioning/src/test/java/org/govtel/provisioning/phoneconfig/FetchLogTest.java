package org.govtel.provisioning.phoneconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.govtel.provisioning.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The fetch log stays bounded: the newest rows per MAC address, newest first. */
@JdbcTest
@Import({FetchLog.class, FetchLogTest.Beans.class})
class FetchLogTest {

    @TestConfiguration
    static class Beans {
        @Bean
        Clock clock() {
            return new MutableClock();
        }
    }

    @Autowired
    FetchLog fetchLog;

    @Test
    void keepsTheNewestRowsOfEachMacOnly() {
        for (int i = 0; i < FetchLog.ROWS_PER_MAC + 5; i++) {
            fetchLog.record("001565aabbcc", 7L, "10.0.0.9", "001565aabbcc.cfg", i % 2 == 0 ? 200 : 401, "ua " + i);
        }
        fetchLog.record("001565ffffff", null, "10.0.0.66", "001565ffffff.cfg", 404, null);

        assertThat(fetchLog.count(null, "001565aabbcc")).isEqualTo(FetchLog.ROWS_PER_MAC);
        assertThat(fetchLog.count(7L, null)).isEqualTo(FetchLog.ROWS_PER_MAC);
        assertThat(fetchLog.count(null, "001565ffffff")).isOne();
        List<FetchLog.Fetch> newest = fetchLog.find(7L, null, 3, 0);
        assertThat(newest).extracting(FetchLog.Fetch::userAgent).containsExactly("ua 204", "ua 203", "ua 202");
        assertThat(newest.get(0).status()).isEqualTo(200);
        assertThat(newest.get(0).remoteAddress()).isEqualTo("10.0.0.9");
        FetchLog.Fetch unknown = fetchLog.find(null, "001565ffffff", 10, 0).get(0);
        assertThat(unknown.deviceId()).isNull();
        assertThat(unknown.status()).isEqualTo(404);
    }
}
