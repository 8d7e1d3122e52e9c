package org.govtel.media.mixer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SoftLimiterTest {

    @Test
    void quietMixesPassUnchanged() {
        SoftLimiter limiter = new SoftLimiter();
        int[] mix = {0, 100, -100, 20000, -20000};
        short[] out = new short[5];
        limiter.process(mix, out, 5);
        assertThat(out).containsExactly((short) 0, (short) 100, (short) -100, (short) 20000, (short) -20000);
    }

    @Test
    void sumsFarBeyondFullScaleKeepTheirSignAndStayInRange() {
        SoftLimiter limiter = new SoftLimiter();
        int[] mix = new int[160];
        short[] out = new short[160];
        for (int frame = 0; frame < 20; frame++) {
            for (int i = 0; i < mix.length; i++) {
                mix[i] = (int) (150_000 * Math.sin(2 * Math.PI * i / 40.0)); // 4.5 × full scale
            }
            limiter.process(mix, out, mix.length);
            for (int i = 0; i < mix.length; i++) {
                assertThat(Integer.signum(out[i])).isEqualTo(Integer.signum(mix[i]) == 0 ? Integer.signum(out[i]) : Integer.signum(mix[i]));
            }
        }
        assertThat(limiter.gain()).isLessThan(0.25f);
        int peak = 0;
        for (short s : out) {
            peak = Math.max(peak, Math.abs(s));
        }
        // The gain brings the peak to the target, and the knee bends it a little further down.
        assertThat(peak).isBetween(26000, 29000);
    }

    @Test
    void softKneeApproachesButNeverReachesFullScale() {
        assertThat(SoftLimiter.softKnee(1e9f)).isBetween((short) 32700, (short) 32767);
        assertThat(SoftLimiter.softKnee(40000f)).isBetween((short) 28000, (short) 32766);
        assertThat(SoftLimiter.softKnee(-40000f)).isBetween((short) -32766, (short) -28000);
        assertThat(SoftLimiter.softKnee(24000f)).isEqualTo((short) 24000);
    }

    @Test
    void gainRecoversSlowlyAfterALoudBurst() {
        SoftLimiter limiter = new SoftLimiter();
        int[] loud = new int[160];
        java.util.Arrays.fill(loud, 100_000);
        short[] out = new short[160];
        limiter.process(loud, out, 160);
        float reduced = limiter.gain();
        int[] quiet = new int[160];
        java.util.Arrays.fill(quiet, 1000);
        limiter.process(quiet, out, 160);
        assertThat(limiter.gain()).isGreaterThan(reduced).isLessThan(0.5f);
        for (int i = 0; i < 200; i++) {
            limiter.process(quiet, out, 160);
        }
        assertThat(limiter.gain()).isGreaterThan(0.99f);
    }
}
