package org.govtel.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestAlgorithmTest {

    /** RFC 7616 §3.9.1 example: Mufasa / http-auth@example.org / Circle of Life. */
    @Test
    void responsesMatchTheRfc7616Example() {
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        String ha2md5 = DigestAlgorithm.MD5.hashHex("GET:/dir/index.html");
        String md5 = DigestAlgorithm.MD5.hashHex(DigestAlgorithm.MD5.ha1("Mufasa", "http-auth@example.org",
                "Circle of Life") + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2md5);
        assertThat(md5).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
        String ha2sha = DigestAlgorithm.SHA_256.hashHex("GET:/dir/index.html");
        String sha = DigestAlgorithm.SHA_256.hashHex(DigestAlgorithm.SHA_256.ha1("Mufasa", "http-auth@example.org",
                "Circle of Life") + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2sha);
        assertThat(sha).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void algorithmTokensParseCaseInsensitivelyAndAbsentMeansMd5() {
        assertThat(DigestAlgorithm.fromToken("sha-256")).contains(DigestAlgorithm.SHA_256);
        assertThat(DigestAlgorithm.fromToken(null)).contains(DigestAlgorithm.MD5);
        assertThat(DigestAlgorithm.fromToken("SHA-512-256")).isEmpty();
    }

    @Test
    void nonceCountsAreHashedAsEightLowerCaseHexDigits() {
        assertThat(DigestAuthenticator.nonceCountHex(1)).isEqualTo("00000001");
        assertThat(DigestAuthenticator.nonceCountHex(0xab)).isEqualTo("000000ab");
        assertThat(DigestAuthenticator.nonceCountHex(-1)).isEqualTo("ffffffff");
    }
}
