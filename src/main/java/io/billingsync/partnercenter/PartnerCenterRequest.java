package io.billingsync.partnercenter;

import java.util.Map;

/**
 * One request of a declared call, as the route step of that call builds it.
 *
 * @param call      the call
 * @param path      its path, placeholders filled in
 * @param body      the JSON body; null for none
 * @param headers   the call's own headers (e.g. If-Match), beside the ones every request carries
 * @param resendKey what is sent, for a request that may be sent again after it got no answer: sent again with the
 *                  same key, it keeps its MS-RequestId; null: every request gets a new one
 */
public record PartnerCenterRequest(PartnerCenterCall<?> call, String path, byte[] body, Map<String, String> headers,
                                   String resendKey) {

    public PartnerCenterRequest {
        headers = Map.copyOf(headers);
    }

    /** A request without a body, for the call's path filled in with {@code pathValues}. */
    public static PartnerCenterRequest of(PartnerCenterCall<?> call, String... pathValues) {
        return new PartnerCenterRequest(call, call.pathFor(pathValues), null, Map.of(), null);
    }

    /** This request with a JSON body and its own headers, re-sent under the same MS-RequestId when it is unchanged. */
    public PartnerCenterRequest sending(byte[] json, Map<String, String> ownHeaders, String sameWhenResent) {
        return new PartnerCenterRequest(call, path, json, ownHeaders, sameWhenResent);
    }
}
