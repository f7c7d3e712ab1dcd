package org.wiregate.ingest;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit and stops reading beyond it: the subscription is
 * cancelled (closing the connection), so an endless chunked body is never buffered. Bytes are
 * requested one buffer list at a time.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    /** The body went past the limit; reading stopped there. */
    static final class TooLargeException extends RuntimeException {
        TooLargeException(String message) {
            super(message);
        }
    }

    private final long limit;
    private final boolean truncate;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    /**
     * @param limit    the most bytes kept
     * @param truncate true: past the limit, complete with what was read (error bodies nobody reads);
     *                 false: fail with {@link TooLargeException}
     */
    CappedBodySubscriber(long limit, boolean truncate) {
        this.limit = limit;
        this.truncate = truncate;
    }

    /** A subscriber that refuses the body unread (its declared length is already over the limit). */
    static CappedBodySubscriber refusing(String reason) {
        CappedBodySubscriber refused = new CappedBodySubscriber(0, false);
        refused.result.completeExceptionally(new TooLargeException(reason));
        return refused;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        if (result.isDone()) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            int remaining = buffer.remaining();
            if (out.size() + (long) remaining > limit) {
                int room = (int) (limit - out.size());
                if (truncate) {
                    byte[] part = new byte[room];
                    buffer.get(part);
                    out.write(part, 0, room);
                    result.complete(out.toByteArray());
                } else {
                    result.completeExceptionally(new TooLargeException(
                            "body larger than " + limit + " bytes; stopped reading after " + (out.size() + remaining)));
                }
                subscription.cancel();
                return;
            }
            byte[] chunk = new byte[remaining];
            buffer.get(chunk);
            out.write(chunk, 0, remaining);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    /** Gives up on the body (deadline passed): stop reading and close the connection. */
    void abort(Throwable reason) {
        result.completeExceptionally(reason);
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
