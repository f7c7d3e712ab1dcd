package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    /** An endless body that counts what was taken from it. */
    static final class Endless extends InputStream {
        long consumed;

        @Override
        public int read() {
            consumed++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'x');
            consumed += len;
            return len;
        }
    }

    @Test
    void bodyOverTheLimitIsRefusedAfterReadingExactlyOneBytePastIt() {
        Endless endless = new Endless();

        assertThatThrownBy(() -> BoundedBody.read(endless, 100_000))
                .isInstanceOf(BoundedBody.TooLargeException.class)
                .hasMessageContaining("100000 bytes");
        assertThat(endless.consumed).isEqualTo(100_001);
    }

    @Test
    void bodyAtTheLimitIsRead() throws IOException {
        byte[] body = new byte[100_000];

        assertThat(BoundedBody.read(new ByteArrayInputStream(body), 100_000)).hasSize(100_000);
    }

    @Test
    void constantTimeTokenCheck() {
        assertThat(PushController.authorised("Bearer s3cret", "s3cret")).isTrue();
        assertThat(PushController.authorised("bearer s3cret", "s3cret")).isTrue();
        assertThat(PushController.authorised("Bearer s3cre", "s3cret")).isFalse();
        assertThat(PushController.authorised("s3cret", "s3cret")).isFalse();
        assertThat(PushController.authorised(null, "s3cret")).isFalse();
    }
}
