package io.billingsync.partnercenter;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * An overall deadline for each Partner Center request, from sending it to the last byte of the answer. The HTTP
 * client's response timeout only bounds each wait for data, so an answer trickling in a byte at a time would
 * never end. At the deadline the connection is closed and the request fails with a
 * {@link SocketTimeoutException}, which the failure rules retry like any timeout.
 */
public final class RequestDeadline implements ExecChainHandler {
    /** The name it has in the HTTP client's execution chain. */
    public static final String NAME = "request-deadline";

    private final Duration timeout;
    private final String setting;
    private final ScheduledExecutorService timer;

    /**
     * @param timeout the deadline
     * @param setting the setting it comes from, named in the timeout's message
     * @param timer   runs the expiries; cancelled ones should be removed from its queue
     */
    public RequestDeadline(Duration timeout, String setting, ScheduledExecutorService timer) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.setting = Objects.requireNonNull(setting, "setting");
        this.timer = Objects.requireNonNull(timer, "timer");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(setting + " must be positive, was " + timeout);
        }
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        Expiry expiry = new Expiry(scope.execRuntime);
        expiry.future = timer.schedule(expiry::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
        ClassicHttpResponse response;
        try {
            response = chain.proceed(request, scope);
        } catch (IOException e) {
            expiry.cancel();
            throw expiry.expired ? timedOut(e) : e;
        } catch (HttpException | RuntimeException e) {
            expiry.cancel();
            throw e;
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            expiry.cancel();
        } else {
            response.setEntity(new Bounded(entity, expiry));
        }
        return response;
    }

    private SocketTimeoutException timedOut(IOException cause) {
        SocketTimeoutException timedOut = new SocketTimeoutException("no complete answer within " + setting + " ("
                + timeout.toMillis() + " ms): the connection was closed");
        timedOut.initCause(cause);
        return timedOut;
    }

    /** The pending expiry of one request: closes its connection unless the answer was read and closed first. */
    private static final class Expiry {
        private final ExecRuntime runtime;
        volatile ScheduledFuture<?> future;
        volatile boolean expired;

        Expiry(ExecRuntime runtime) {
            this.runtime = runtime;
        }

        void expire() {
            expired = true;
            runtime.discardEndpoint(); // does nothing once the connection went back to the pool
        }

        void cancel() {
            ScheduledFuture<?> pending = future;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }

    /** The answer's body: reads failing after the deadline say so; closing it ends the deadline. */
    private final class Bounded extends HttpEntityWrapper {
        private final Expiry expiry;

        Bounded(HttpEntity entity, Expiry expiry) {
            super(entity);
            this.expiry = expiry;
        }

        @Override
        public InputStream getContent() throws IOException {
            return new FilterInputStream(super.getContent()) {
                @Override
                public int read() throws IOException {
                    try {
                        return super.read();
                    } catch (IOException e) {
                        throw expiry.expired ? timedOut(e) : e;
                    }
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    try {
                        return super.read(buffer, offset, length);
                    } catch (IOException e) {
                        throw expiry.expired ? timedOut(e) : e;
                    }
                }

                @Override
                public void close() throws IOException {
                    expiry.cancel();
                    super.close();
                }
            };
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = getContent()) {
                in.transferTo(out);
            }
        }

        @Override
        public void close() throws IOException {
            expiry.cancel();
            super.close();
        }
    }
}
