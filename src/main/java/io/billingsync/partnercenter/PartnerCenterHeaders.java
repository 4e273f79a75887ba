package io.billingsync.partnercenter;

/** Names and fixed values of the headers the billing-profile calls use. */
public final class PartnerCenterHeaders {

    public static final String REQUEST_ID = "MS-RequestId";
    public static final String CORRELATION_ID = "MS-CorrelationId";
    public static final String CONTRACT_VERSION = "MS-Contract-Version";
    public static final String CONTRACT_VERSION_V1 = "v1";
    public static final String LOCALE = "X-Locale";
    public static final String APPLICATION = "MS-PartnerCenter-Application";
    public static final String IF_MATCH = "If-Match";
    public static final String ETAG = "ETag";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String AUTHORIZATION = "Authorization";

    private PartnerCenterHeaders() {
    }
}
