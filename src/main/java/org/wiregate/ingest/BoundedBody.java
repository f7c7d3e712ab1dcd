package org.wiregate.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit, never more than one byte past it. */
final class BoundedBody {

    /** The body is longer than the limit; exactly limit + 1 bytes were read to know it. */
    static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }

    private BoundedBody() {}

    static byte[] read(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, 64 * 1024));
        byte[] buffer = new byte[8192];
        long wanted = limit + 1;
        long total = 0;
        while (total < wanted) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, wanted - total));
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buffer, 0, n);
            total += n;
        }
        throw new TooLargeException("payload exceeds gateway.ingest.max-payload-size (" + limit + " bytes)");
    }
}
