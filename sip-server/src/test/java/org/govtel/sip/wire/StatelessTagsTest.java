package org.govtel.sip.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatelessTagsTest {

    @Test
    void theSameRequestGetsTheSameTagAndAnotherRequestAnother() {
        String tag = StatelessTags.of("z9hG4bK1", "call-1", "f1");

        assertThat(StatelessTags.of("z9hG4bK1", "call-1", "f1")).isEqualTo(tag);
        assertThat(StatelessTags.of("z9hG4bK2", "call-1", "f1")).isNotEqualTo(tag);
        assertThat(StatelessTags.of("z9hG4bK1", "call-2", "f1")).isNotEqualTo(tag);
        assertThat(StatelessTags.of("z9hG4bK1", "call-1", "f2")).isNotEqualTo(tag);
        assertThat(StatelessTags.of("z9hG4bK1", "call-1f", "")).as("the values are kept apart").isNotEqualTo(tag);
        assertThat(StatelessTags.of(null, null, null)).hasSize(24);
    }

    @Test
    void tagsCheckThemselves() {
        String tag = StatelessTags.of("z9hG4bK1", "call-1", "f1");

        assertThat(tag).hasSize(24).matches("[0-9a-f]+");
        assertThat(StatelessTags.isOurs(tag)).isTrue();
        char last = tag.charAt(23);
        assertThat(StatelessTags.isOurs(tag.substring(0, 23) + (last == '0' ? '1' : '0'))).isFalse();
        assertThat(StatelessTags.isOurs("zz" + tag.substring(2))).isFalse();
        assertThat(StatelessTags.isOurs("a1b2c3d4e5f60718293a4b5c")).as("a phone's tag").isFalse();
        assertThat(StatelessTags.isOurs(null)).isFalse();
    }
}
