package org.govtel.sip.dialplan;

import static org.assertj.core.api.Assertions.assertThat;

import org.govtel.sip.testing.InMemoryDirectory;
import org.junit.jupiter.api.Test;

class DialPlanTest {

    final InMemoryDirectory directory = new InMemoryDirectory("govtel")
            .site("seat", "10", 4)
            .site("huocheng", "13", 4)
            .site("sarbulak", "135", 3)
            .extension("100101", "pw", "seat")
            .extension("130201", "pw", "huocheng")
            .extension("135001", "pw", "sarbulak")
            .service("800000", "Operator", "100101")
            .service("880001", "Conference room 1", "sip:880001@127.0.0.1:5070");
    final DialPlan plan = new DialPlan(directory);

    @Test
    void fullNumberReachesAnySite() {
        assertThat(plan.resolve("130201", "seat")).isInstanceOfSatisfying(DialPlan.Destination.Extension.class,
                e -> assertThat(e.account().number()).isEqualTo("130201"));
    }

    @Test
    void shortNumberIsExpandedWithTheCallersOwnPrefix() {
        assertThat(plan.resolve("0101", "seat")).isInstanceOfSatisfying(DialPlan.Destination.Extension.class,
                e -> assertThat(e.account().number()).isEqualTo("100101"));
        assertThat(plan.resolve("0201", "huocheng")).isInstanceOfSatisfying(DialPlan.Destination.Extension.class,
                e -> assertThat(e.account().number()).isEqualTo("130201"));
    }

    @Test
    void townshipWithALongerPrefixDialsFewerDigits() {
        assertThat(plan.resolve("001", "sarbulak")).isInstanceOfSatisfying(DialPlan.Destination.Extension.class,
                e -> assertThat(e.account().number()).isEqualTo("135001"));
    }

    @Test
    void shortNumberOfAnotherSiteIsUnknown() {
        assertThat(plan.resolve("0201", "seat")).isInstanceOf(DialPlan.Destination.Unknown.class);
    }

    @Test
    void reservedNumbersGoToTheirService() {
        assertThat(plan.resolve("800000", "huocheng")).isInstanceOfSatisfying(DialPlan.Destination.Service.class,
                s -> assertThat(s.service().targetUri()).isEqualTo("100101"));
        assertThat(plan.resolve("880001", "seat")).isInstanceOfSatisfying(DialPlan.Destination.Service.class,
                s -> assertThat(s.service().name()).isEqualTo("Conference room 1"));
    }

    @Test
    void separatorsAndLeadingPlusAreIgnoredButLettersAreNotNumbers() {
        assertThat(plan.resolve("+13-0201", "seat")).isInstanceOf(DialPlan.Destination.Extension.class);
        assertThat(plan.resolve("alice", "seat")).isInstanceOf(DialPlan.Destination.Unknown.class);
        assertThat(plan.resolve("", "seat")).isInstanceOf(DialPlan.Destination.Unknown.class);
        assertThat(plan.resolve(null, "seat")).isInstanceOf(DialPlan.Destination.Unknown.class);
    }

    @Test
    void unknownNumberIsUnknown() {
        assertThat(plan.resolve("199999", "seat")).isInstanceOf(DialPlan.Destination.Unknown.class);
        assertThat(plan.resolve("0999", "seat")).isInstanceOf(DialPlan.Destination.Unknown.class);
    }
}
