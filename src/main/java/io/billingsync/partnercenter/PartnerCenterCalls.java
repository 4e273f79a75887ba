package io.billingsync.partnercenter;

import static io.billingsync.partnercenter.FailureAnswers.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.failure.FailureKind;
import io.billingsync.partnercenter.PartnerCenterCall.Answer;
import java.util.List;

/**
 * Every call the service makes to Partner Center (docs/PARTNER-CENTER.md): its method and path, what its 2xx answer
 * is read as, and how its failure answers are classified (docs/FAILURE-RULES.md). Each is sent by the
 * partner-center-call route (routes/partner-center.camel.yaml) from the route step that builds its request.
 */
public final class PartnerCenterCalls {

    static final String CODE_ETAG_INVALID = "2055";
    static final String CODE_INVALID_CUSTOMER_ID = "900118";
    static final String CODE_PHONE_REQUIRED = "600051";

    private static final String BILLING_PROFILE = "/v1/customers/{customerId}/profiles/billing";

    /** What a failure answer to a billing-profile call means, in the order of docs/FAILURE-RULES.md. */
    private static final FailureAnswers BILLING_PROFILE_FAILURES = FailureAnswers.of(
            when(c -> c.is(412) || c.is(400, CODE_ETAG_INVALID), FailureKind.CONFLICT,
                    c -> "The billing profile of customer " + c.customer() + " changed while it was being updated"
                            + c.statusAndCode() + c.reason() + ". Re-read the profile and apply the change again."),
            FailureAnswers.THROTTLED,
            FailureAnswers.UNAVAILABLE,
            FailureAnswers.MFA_REQUIRED,
            FailureAnswers.TOKEN_REFUSED,
            when(c -> c.is(403), FailureKind.FORBIDDEN,
                    c -> "Partner Center refused access to customer " + c.customer() + c.statusAndCode() + c.reason()
                            + ". Check that the partner has a relationship with this customer and that the signed-in "
                            + "user may manage its billing profile."),
            when(c -> c.is(404), FailureKind.NOT_FOUND,
                    c -> "Customer " + c.customer() + " was not found in Partner Center" + c.statusAndCode() + c.reason()
                            + ". Check the customerId."),
            when(c -> c.hasCode(CODE_INVALID_CUSTOMER_ID), FailureKind.REJECTED,
                    c -> "Partner Center does not accept " + c.customer() + " as a customer id" + c.statusAndCode()
                            + c.reason() + ". Check the customerId."),
            when(c -> c.hasCode(CODE_PHONE_REQUIRED), FailureKind.REJECTED,
                    c -> "Partner Center rejected the change for customer " + c.customer() + c.statusAndCode()
                            + ": a phone number is required for the address's country" + c.dataItems()
                            + ". Add defaultAddress.phoneNumber to the change file and replay it."),
            when(c -> c.isClientError() && c.hasData(), FailureKind.REJECTED,
                    c -> "Partner Center rejected the change for customer " + c.customer() + c.statusAndCode()
                            + ": invalid property " + String.join(", ", c.clippedData()) + c.reasonInParentheses()
                            + ". Fix the field in the change file and replay it."),
            when(FailedCall::isClientError, FailureKind.REJECTED,
                    c -> "Partner Center rejected the change for customer " + c.customer() + c.statusAndCode()
                            + c.reason() + ". Fix the change file and replay it."),
            FailureAnswers.UNEXPECTED);

    /** The customer's billing profile, with the ETag its update must send back. */
    public static final PartnerCenterCall<CurrentProfile> READ_BILLING_PROFILE = new PartnerCenterCall<>("GET", "GET",
            BILLING_PROFILE, "reading the billing profile",
            Answer.object("a billing profile", (body, header) -> CurrentProfile.of(body, header.apply(PartnerCenterHeaders.ETAG))),
            BILLING_PROFILE_FAILURES);

    /**
     * The whole merged profile, sent with If-Match: any 2xx means it is stored, with or without the updated profile
     * in the answer; read as the ETag the update was given (null when the answer carries none).
     */
    public static final PartnerCenterCall<String> UPDATE_BILLING_PROFILE = new PartnerCenterCall<>("PUT", "PUT",
            BILLING_PROFILE, "updating the billing profile",
            Answer.objectOrNothing("a billing profile", (body, header) -> CurrentProfile.etag(body, header.apply(PartnerCenterHeaders.ETAG))),
            BILLING_PROFILE_FAILURES);

    /** The failure answers of a call whose failure never fails a change: the shared rows only. */
    private static final FailureAnswers CHECK_FAILURES = FailureAnswers.of(FailureAnswers.THROTTLED,
            FailureAnswers.UNAVAILABLE, FailureAnswers.MFA_REQUIRED, FailureAnswers.TOKEN_REFUSED,
            FailureAnswers.CHECK_UNEXPECTED);

    /**
     * A country's address rules (its ISO 3166 alpha-2 code, checked beforehand), read as the answer itself
     * ({@link CountryRules#read} reads it): a check before the PUT, skipped when they cannot be read.
     */
    public static final PartnerCenterCall<ObjectNode> READ_COUNTRY_RULES = new PartnerCenterCall<>("country-rules", "GET",
            "/v1/countryvalidationrules/{countryCode}", "reading a country's address rules",
            Answer.object("country validation rules", (body, header) -> body), CHECK_FAILURES);

    /**
     * Partner Center's opinion of an address (its status and suggested addresses), which changes nothing: recorded
     * with each change that set it, skipped when it cannot be had.
     */
    public static final PartnerCenterCall<AddressValidation> VALIDATE_ADDRESS = new PartnerCenterCall<>("address-validation",
            "POST", "/v1/validations/address", "validating an address",
            Answer.object("an address validation", (body, header) -> AddressValidation.read(body)), CHECK_FAILURES);

    public static final List<PartnerCenterCall<?>> ALL = List.of(READ_BILLING_PROFILE, UPDATE_BILLING_PROFILE,
            READ_COUNTRY_RULES, VALIDATE_ADDRESS);

    private PartnerCenterCalls() {
    }

    /** What the call measured as {@code operation} does, for messages ("calling Partner Center (...)" for no call). */
    static String doing(String operation) {
        for (PartnerCenterCall<?> call : ALL) {
            if (call.operation().equalsIgnoreCase(operation)) {
                return call.doing();
            }
        }
        return "calling Partner Center (" + MessageText.clip(operation, 20) + ")";
    }
}
