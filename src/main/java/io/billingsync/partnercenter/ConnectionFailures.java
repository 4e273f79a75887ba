package io.billingsync.partnercenter;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Objects;
import javax.net.ssl.SSLException;

/** A call that got no response at all, worded as the transient failure it is. */
public final class ConnectionFailures {
    private ConnectionFailures() {
    }

    /**
     * A call that got no response: timeout, refused or reset connection, unknown host, TLS failure.
     * The message says what happened (exception class and message, never request headers).
     */
    public static TransientFailureException of(String operation, Exception cause) {
        Objects.requireNonNull(cause, "cause");
        Throwable root = cause;
        String what = null;
        Throwable t = cause;
        for (int depth = 0; t != null && depth < 10 && what == null; depth++, t = t.getCause()) {
            what = describe(t);
            root = what == null ? root : t;
        }
        if (what == null) {
            what = "the connection failed";
        }
        String detail = MessageText.clip(root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()), 200);
        return new TransientFailureException("Partner Center could not be reached while " + PartnerCenterCalls.doing(operation)
                + ": " + what + " (" + detail + "). Retry later; a re-sent request keeps its MS-RequestId.", cause);
    }

    private static String describe(Throwable t) {
        String name = t.getClass().getSimpleName();
        if (t instanceof SocketTimeoutException || name.contains("Timeout")) {
            return "the request timed out";
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return "the connection was refused";
        }
        if (t instanceof UnknownHostException) {
            return "the host name could not be resolved";
        }
        if (t instanceof SSLException) {
            return "the TLS handshake failed";
        }
        if (name.equals("NoHttpResponseException")) {
            return "the server closed the connection without answering";
        }
        if (t instanceof InterruptedIOException) {
            return "the request was interrupted";
        }
        return null;
    }
}
