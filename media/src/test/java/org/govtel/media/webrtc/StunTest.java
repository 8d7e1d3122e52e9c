package org.govtel.media.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class StunTest {

    /** RFC 5769 §2.1 sample request: USERNAME evtj:h6vY, password VOkJxbRl1RmTxUk/WvJxBt. */
    private static final byte[] RFC5769_REQUEST = HexFormat.of().parseHex(
            "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e20746573"
                    + "7420636c69656e74002400046e0001ff80290008932ff9b151263b3600060009"
                    + "6576746a3a68367659202020000800149aeaa70cbfd8cb56781ef2b5b2d3f249"
                    + "c1b571a280280004e57a3bcf");
    private static final byte[] PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.US_ASCII);

    @Test
    void acceptsTheRfc5769SampleRequestForItsUsernameAndPassword() {
        Stun.BindingRequest request = Stun.checkBindingRequest(RFC5769_REQUEST, 0, RFC5769_REQUEST.length, "evtj",
                PASSWORD);

        assertThat(request).isNotNull();
        assertThat(request.remoteUfrag()).isEqualTo("h6vY");
        assertThat(request.useCandidate()).isFalse();
        assertThat(request.transactionId()).isEqualTo(HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae"));
    }

    @Test
    void refusesARequestForAnotherUfragOrWithAnotherPassword() {
        assertThat(Stun.checkBindingRequest(RFC5769_REQUEST, 0, RFC5769_REQUEST.length, "h6vY", PASSWORD)).isNull();
        assertThat(Stun.checkBindingRequest(RFC5769_REQUEST, 0, RFC5769_REQUEST.length, "evtj",
                "wrong-password-123456".getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    @Test
    void refusesARequestWhoseBytesWereChanged() {
        for (int i : new int[] {25, 50, 70, 105}) {
            byte[] tampered = RFC5769_REQUEST.clone();
            tampered[i] ^= 0x01;
            assertThat(Stun.checkBindingRequest(tampered, 0, tampered.length, "evtj", PASSWORD))
                    .as("byte %d flipped", i).isNull();
        }
        assertThat(Stun.checkBindingRequest(RFC5769_REQUEST, 0, 40, "evtj", PASSWORD)).as("truncated").isNull();
    }

    @Test
    void successResponseCarriesTheSourceAddressAndVerifiableIntegrityAndFingerprint() throws Exception {
        byte[] tid = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");
        InetSocketAddress source = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 54321);

        byte[] response = Stun.bindingSuccess(tid, source, PASSWORD);

        assertThat(Stun.isStun(response, 0, response.length)).isTrue();
        assertThat(Stun.readShort(response, 0)).isEqualTo(Stun.BINDING_SUCCESS);
        assertThat(Stun.readShort(response, 2)).isEqualTo(response.length - Stun.HEADER_BYTES);
        // XOR-MAPPED-ADDRESS first: port and address XOR the magic cookie (RFC 5389 §15.2).
        assertThat(Stun.readShort(response, 20)).isEqualTo(Stun.XOR_MAPPED_ADDRESS);
        assertThat(Stun.readShort(response, 26) ^ 0x2112).isEqualTo(54321);
        assertThat(Stun.readInt(response, 28) ^ Stun.MAGIC_COOKIE).isEqualTo(0x7F000001);
        int integrityAt = 32;
        assertThat(Stun.readShort(response, integrityAt)).isEqualTo(Stun.MESSAGE_INTEGRITY);
        byte[] mac = java.util.Arrays.copyOfRange(response, integrityAt + 4, integrityAt + 24);
        assertThat(Stun.integrity(response, 0, integrityAt, PASSWORD)).isEqualTo(mac);
        int fingerprintAt = integrityAt + 24;
        assertThat(Stun.readShort(response, fingerprintAt)).isEqualTo(Stun.FINGERPRINT);
        assertThat(Stun.readInt(response, fingerprintAt + 4)).isEqualTo(Stun.fingerprint(response, 0, fingerprintAt));
    }
}
