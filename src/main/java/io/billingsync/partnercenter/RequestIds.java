package io.billingsync.partnercenter;

import java.util.UUID;

/**
 * New GUIDs for {@code MS-RequestId} and {@code MS-CorrelationId}. Keep a request id when re-sending after a
 * call that got no response (it is the idempotency key); take a new one after any response.
 */
public final class RequestIds {

    private RequestIds() {
    }

    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    public static String newCorrelationId() {
        return UUID.randomUUID().toString();
    }
}
