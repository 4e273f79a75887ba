package io.billingsync.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChangeValidatorTest {

    private static final String CUSTOMER = "a58ceba5-60ac-48e4-a0bc-2a855811807a";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String KNOWN_PROFILE_FIELDS =
            "known fields: firstName, lastName, email, culture, language, companyName, defaultAddress";

    private final ChangeValidator validator = new ChangeValidator();

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("test input is not JSON: " + text, e);
        }
    }

    private ChangeValidator.Result validate(String request) {
        return validator.validate(json(request));
    }

    /** A request for the test customer with the given {@code changes} value. */
    private ChangeValidator.Result validateChanges(String changes) {
        return validate("{\"customerId\":\"" + CUSTOMER + "\",\"changeId\":\"ERP-7\",\"changes\":" + changes + "}");
    }

    private static String address(String field, String value) {
        return "{\"defaultAddress\":{\"" + field + "\":" + value + "}}";
    }

    private static String text(int length) {
        return "\"" + "A".repeat(length) + "\"";
    }

    private static void assertAccepted(ChangeValidator.Result result) {
        assertThat(result.problem()).as("problem").isNull();
        assertThat(result.change()).isNotNull();
    }

    private static String problemOf(ChangeValidator.Result result) {
        assertThat(result.change()).as("change of a rejected request").isNull();
        assertThat(result.problem()).as("problem").isNotBlank();
        return result.problem();
    }

    @Test
    void changedAtSequenceAndForceAreRead() {
        ChangeValidator.Result result = validate("{\"customerId\":\"" + CUSTOMER + "\",\"changedAt\":\"2026-11-24T10:00:00+01:00\","
                + "\"sequence\":3000000002,\"force\":true,\"changes\":{\"email\":\"a@b.c\"}}");

        assertAccepted(result);
        assertThat(result.change().changedAt()).isEqualTo(java.time.Instant.parse("2026-11-24T09:00:00Z"));
        assertThat(result.change().sequence()).isEqualTo(3000000002L);
        assertThat(result.change().force()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"changedAt\":\"2026-11-24T10:00:00\" | changedAt must be an RFC 3339 timestamp with its offset",
            "\"changedAt\":\"yesterday\"           | changedAt must be an RFC 3339 timestamp with its offset",
            "\"changedAt\":20261124                | changedAt must be an RFC 3339 timestamp with its offset",
            "\"sequence\":-1                       | sequence must be a positive whole number",
            "\"sequence\":\"7\"                      | sequence must be a positive whole number",
            "\"force\":\"yes\"                       | force must be true or false"})
    void badChangedAtSequenceOrForceIsRejected(String member, String problem) {
        assertThat(problemOf(validate("{\"customerId\":\"" + CUSTOMER + "\"," + member + ",\"changes\":{\"email\":\"a@b.c\"}}")))
                .startsWith(problem);
    }

    @Test
    void aValidChangeCarriesItsIdsAndChanges() {
        ChangeValidator.Result result = validateChanges(
                "{\"email\":\"billing@contoso.com\",\"defaultAddress\":{\"addressLine1\":\"1 Main St\",\"addressLine2\":null}}");

        assertAccepted(result);
        assertThat(result.customerId()).isEqualTo(CUSTOMER);
        assertThat(result.changeId()).isEqualTo("ERP-7");
        ChangeRequest change = result.change();
        assertThat(change.customerId()).isEqualTo(CUSTOMER);
        assertThat(change.changeId()).isEqualTo("ERP-7");
        assertThat(change.changes()).isEqualTo(json(
                "{\"email\":\"billing@contoso.com\",\"defaultAddress\":{\"addressLine1\":\"1 Main St\",\"addressLine2\":null}}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            ,"changeId":"ERP-1" | ERP-1
            ,"changeId":42      | 42
            ,"changeId":null    | NONE
            ''                  | NONE
            """)
    void theChangeIdIsOptionalAndMayBeANumber(String changeIdMember, String expected) {
        ChangeValidator.Result result = validate("{\"customerId\":\"" + CUSTOMER + "\"" + changeIdMember
                + ",\"changes\":{\"email\":\"x@y.z\"}}");

        assertAccepted(result);
        assertThat(result.changeId()).isEqualTo(expected);
        assertThat(result.change().changeId()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            true     | a boolean
            ["a"]    | an array
            {"a":1}  | an object
            """)
    void aChangeIdThatIsNeitherStringNorNumberIsRejected(String changeId, String kind) {
        String problem = problemOf(validate("{\"customerId\":\"" + CUSTOMER + "\",\"changeId\":" + changeId
                + ",\"changes\":{\"email\":\"x@y.z\"}}"));

        assertThat(problem).isEqualTo("changeId must be a string, not " + kind);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            []       | an array
            42       | a number
            "text"   | a string
            null     | null
            true     | a boolean
            """)
    void aChangeRequestMustBeAnObject(String request, String kind) {
        ChangeValidator.Result result = validate(request);

        assertThat(problemOf(result))
                .isEqualTo("a change request must be a JSON object with customerId and changes, not " + kind);
        assertThat(result.customerId()).isNull();
        assertThat(result.changeId()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"customerId\":null,"})
    void aMissingCustomerIdIsRejected(String customerIdMember) {
        String problem = problemOf(validate("{" + customerIdMember + "\"changes\":{\"email\":\"x@y.z\"}}"));

        assertThat(problem).isEqualTo("customerId is missing: give the customer tenant id as a string GUID");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            42                    | a number
            {"id": "x"}           | an object
            ["%s"]                | an array
            """)
    void aNonStringCustomerIdIsRejectedNamingWhatItIs(String value, String kind) {
        String problem = problemOf(validate("{\"customerId\":" + value.formatted(CUSTOMER) + ",\"changes\":{\"email\":\"x@y.z\"}}"));

        assertThat(problem).isEqualTo("customerId must be a string GUID (like a58ceba5-60ac-48e4-a0bc-2a855811807a), not " + kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "", "{" + CUSTOMER + "}", CUSTOMER + "/../partners", " " + CUSTOMER,
            "a58ceba560ac48e4a0bc2a855811807a", "g58ceba5-60ac-48e4-a0bc-2a855811807a"})
    void aCustomerIdThatIsNotAGuidIsRejectedNamingTheValueAndTheExpectedForm(String customerId) {
        String problem = problemOf(validate("{\"customerId\":\"" + customerId + "\",\"changes\":{\"email\":\"x\"}}"));

        assertThat(problem).isEqualTo("customerId \"" + customerId + "\" is not a GUID"
                + " (expected like a58ceba5-60ac-48e4-a0bc-2a855811807a)");
    }

    @Test
    void anUpperCaseGuidIsACustomerId() {
        String upper = CUSTOMER.toUpperCase();

        ChangeValidator.Result result = validate("{\"customerId\":\"" + upper + "\",\"changes\":{\"email\":\"x\"}}");

        assertAccepted(result);
        assertThat(result.change().customerId()).isEqualTo(upper);
    }

    @Test
    void aCustomerIdIsEchoedWithoutControlCharactersAndShortened() {
        String hostile = "bad\nid\u0007" + "x".repeat(100);

        ChangeValidator.Result result = validate(
                "{\"customerId\":" + MAPPER.valueToTree(hostile) + ",\"changes\":{\"email\":\"x\"}}");

        String echoed = "bad?id?" + "x".repeat(73) + "...";
        assertThat(problemOf(result)).startsWith("customerId \"" + echoed + "\" is not a GUID").doesNotContain("\n");
        assertThat(result.customerId()).isEqualTo(echoed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CustomerId", "customer", "change", "Changes", "id"})
    void anUnknownTopLevelFieldIsRejected(String name) {
        String problem = problemOf(validate("{\"customerId\":\"" + CUSTOMER + "\",\"changes\":{\"email\":\"x\"},\""
                + name + "\":1}"));

        assertThat(problem).isEqualTo("unknown field \"" + name + "\" in the change request;"
                + " allowed: customerId, changeId, changedAt, sequence, force, changes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"changes\":null", ",\"changes\":[]", ",\"changes\":\"email=x\"", ",\"changes\":1"})
    void missingOrNonObjectChangesAreRejectedWithAnExample(String changesMember) {
        String problem = problemOf(validate("{\"customerId\":\"" + CUSTOMER + "\"" + changesMember + "}"));

        assertThat(problem).isEqualTo("changes is missing or not an object: give the fields to change, e.g."
                + " \"changes\": {\"email\": \"billing@contoso.com\"}");
    }

    @Test
    void emptyChangesAreRejected() {
        assertThat(problemOf(validateChanges("{}"))).isEqualTo("changes is empty: name at least one field to change");
    }

    @Test
    void aMisspelledFieldIsRejectedNamingItAndTheWritableFields() {
        String problem = problemOf(validateChanges("{\"emial\":\"billing@contoso.com\"}"));

        assertThat(problem).isEqualTo("unknown field \"emial\" in changes; " + KNOWN_PROFILE_FIELDS);
        assertThat(problem).doesNotContain("links", "attributes", "\"id\"");
    }

    @Test
    void aMisspelledAddressFieldIsRejectedNamingItsPathAndTheAddressFields() {
        String problem = problemOf(validateChanges(address("street", "\"1 Main St\"")));

        assertThat(problem).isEqualTo("unknown field \"street\" in changes.defaultAddress; known fields: country,"
                + " region, city, state, addressLine1, addressLine2, postalCode, firstName, middleName, lastName,"
                + " phoneNumber");
    }

    @ParameterizedTest
    @CsvSource({"id,'\"x\"'", "links,'{}'", "attributes,'{\"etag\":\"e\"}'", "ID,'\"x\"'", "Attributes,'{}'"})
    void readOnlyFieldsAreRejected(String name, String value) {
        String problem = problemOf(validateChanges("{\"" + name + "\":" + value + "}"));

        assertThat(problem).isEqualTo("field \"" + name + "\" in changes is read-only, set by Partner Center: remove it");
    }

    @Test
    void fieldNamesMatchWhateverTheirCasingAndAreKeptAsGiven() {
        String changes = "{\"Email\":\"x@y.z\",\"COMPANYNAME\":\"Contoso\","
                + "\"DefaultAddress\":{\"AddressLine1\":\"1 Main St\",\"Country\":\"us\",\"PostalCode\":\"98052\"}}";

        ChangeValidator.Result result = validateChanges(changes);

        assertAccepted(result);
        assertThat(result.change().changes()).isEqualTo(json(changes));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"email":"a@b.c","Email":"d@e.f"} | field "email" is given twice in changes ("email" and "Email"): give it once
            {"DEFAULTADDRESS":null,"defaultAddress":{}} | field "defaultAddress" is given twice in changes ("DEFAULTADDRESS" and "defaultAddress"): give it once
            {"defaultAddress":{"city":"Oslo","CITY":"Bergen"}} | field "city" is given twice in changes.defaultAddress ("city" and "CITY"): give it once
            """)
    void theSameFieldInTwoCasingsIsRejected(String changes, String expected) {
        assertThat(problemOf(validateChanges(changes))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"email":42} | changes.email must be a string (or null to clear it), not a number
            {"EMAIL":true} | changes.email must be a string (or null to clear it), not a boolean
            {"companyName":{"name":"x"}} | changes.companyName must be a string (or null to clear it), not an object
            {"culture":["en-US"]} | changes.culture must be a string (or null to clear it), not an array
            {"defaultAddress":"1 Main St"} | changes.defaultAddress must be an object (or null to clear it), not a string
            {"defaultAddress":["1 Main St"]} | changes.defaultAddress must be an object (or null to clear it), not an array
            {"DefaultAddress":{"City":7}} | changes.defaultAddress.city must be a string (or null to clear it), not a number
            """)
    void aValueOfTheWrongTypeIsRejectedNamingItsPath(String changes, String expected) {
        assertThat(problemOf(validateChanges(changes))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"country,2", "state,0", "state,2", "addressLine1,1", "addressLine1,200", "addressLine2,0",
            "addressLine2,200", "firstName,1", "firstName,50", "lastName,1", "lastName,50", "city,500"})
    void addressValuesWithinTheDocumentedLengthsAreAccepted(String field, int length) {
        assertAccepted(validateChanges(address(field, text(length))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            country      | 1   | exactly 2 characters
            country      | 3   | exactly 2 characters
            state        | 3   | at most 2 characters
            addressLine1 | 0   | 1 to 200 characters
            addressLine1 | 201 | 1 to 200 characters
            addressLine2 | 201 | at most 200 characters
            firstName    | 0   | 1 to 50 characters
            firstName    | 51  | 1 to 50 characters
            lastName     | 51  | 1 to 50 characters
            """)
    void addressValuesOutsideTheDocumentedLengthsAreRejected(String field, int length, String rule) {
        assertThat(problemOf(validateChanges(address(field, text(length)))))
                .isEqualTo("changes.defaultAddress." + field + " must be " + rule + ", got " + length);
    }

    @Test
    void theProfileNameFieldsHaveNoAddressLengthLimit() {
        assertAccepted(validateChanges("{\"firstName\":" + text(51) + ",\"lastName\":" + text(0) + "}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"U1", "1 ", "Ü0"})
    void aCountryMustBeTwoLetters(String country) {
        assertThat(problemOf(validateChanges(address("country", "\"" + country + "\""))))
                .isEqualTo("changes.defaultAddress.country must be an ISO 3166 two-letter country code such as US,"
                        + " got \"" + country + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"email\":null}", "{\"defaultAddress\":null}", "{\"defaultAddress\":{\"addressLine2\":null}}",
            "{\"defaultAddress\":{\"addressLine1\":null,\"country\":null}}", "{\"CompanyName\":null}"})
    void nullIsAcceptedToClearAField(String changes) {
        ChangeValidator.Result result = validateChanges(changes);

        assertAccepted(result);
        assertThat(result.change().changes()).isEqualTo(json(changes));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"customerId":"12345","changeId":"ERP-9","changes":{"email":"x"}} | 12345 | ERP-9
            {"customerId":"a58ceba5-60ac-48e4-a0bc-2a855811807a","changeId":77,"changes":{"emial":"x"}} | a58ceba5-60ac-48e4-a0bc-2a855811807a | 77
            {"customerId":"a58ceba5-60ac-48e4-a0bc-2a855811807a","changeId":"ERP-9","changes":{},"extra":1} | a58ceba5-60ac-48e4-a0bc-2a855811807a | ERP-9
            {"customerId":"a58ceba5-60ac-48e4-a0bc-2a855811807a","changes":{"id":"x"}} | a58ceba5-60ac-48e4-a0bc-2a855811807a |
            {"customerId":4711,"changeId":"ERP-9","changes":{"email":"x"}} | 4711 | ERP-9
            {"customerId":{"x":1},"changeId":true,"changes":{"email":"x"}}                                    |       |
            """)
    void aRejectedRequestStillCarriesTheIdsItCouldRead(String request, String customerId, String changeId) {
        ChangeValidator.Result result = validate(request);

        problemOf(result);
        assertThat(result.customerId()).isEqualTo(customerId);
        assertThat(result.changeId()).isEqualTo(changeId);
    }

    private static final java.time.Instant NOW = java.time.Instant.parse("2026-11-24T12:00:00Z");

    private static ChangeValidator.Result validateAt(String changedAt, String clockSkew) {
        ChangeValidator atNoon = new ChangeValidator(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC),
                java.time.Duration.parse(clockSkew));
        return atNoon.validate(json("{\"customerId\":\"" + CUSTOMER + "\",\"changedAt\":\"" + changedAt
                + "\",\"changes\":{\"email\":\"a@b.c\"}}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2099-01-01T00:00:00Z      | PT5M | changedAt \"2099-01-01T00:00:00Z\" is 26336 days in the future (sync.changed-at.clock-skew allows 5 minutes ahead",
            "2026-11-24T18:00:00+01:00 | PT5M | changedAt \"2026-11-24T18:00:00+01:00\" is 5 hours in the future",
            "2026-11-24T12:06:00Z      | PT5M | changedAt \"2026-11-24T12:06:00Z\" is 6 minutes in the future",
            "2026-11-24T12:00:01Z      | PT0S | changedAt \"2026-11-24T12:00:01Z\" is 1 minute in the future (sync.changed-at.clock-skew allows none"})
    void aChangedAtFurtherAheadThanTheClockSkewAllowsIsRejectedSayingHowFarAndTheFix(String changedAt, String skew,
                                                                                     String problem) {
        assertThat(problemOf(validateAt(changedAt, skew))).startsWith(problem)
                .endsWith("correct the timestamp or leave it out, then replay the change");
    }

    @ParameterizedTest
    @CsvSource({"2026-11-24T12:05:00Z, PT5M", "2026-11-24T11:00:00Z, PT0S", "2026-11-24T12:30:00+00:30, PT0S",
            "2026-11-24T13:00:00Z, PT1H"})
    void aChangedAtAheadWithinTheClockSkewOrInThePastIsAccepted(String changedAt, String skew) {
        assertAccepted(validateAt(changedAt, skew));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"  \""})
    void anEmptyChangeIdIsRejected(String changeId) {
        assertThat(problemOf(validate("{\"customerId\":\"" + CUSTOMER + "\",\"changeId\":" + changeId
                + ",\"changes\":{\"email\":\"a@b.c\"}}")))
                .isEqualTo("changeId is empty: leave it out, or give the source system's reference for the change");
    }

    @Test
    void anEmptyObjectInChangesIsRejectedNamingIt() {
        assertThat(problemOf(validateChanges("{\"email\":\"a@b.c\",\"defaultAddress\":{}}")))
                .isEqualTo("changes.defaultAddress is empty: name at least one of its fields, or set it to null to clear it");
    }

    @Test
    void aTimestampWithoutItsOffsetIsRejectedSayingSo() {
        assertThat(problemOf(validate("{\"customerId\":\"" + CUSTOMER + "\",\"changedAt\":\"2026-11-24 09:00:00\","
                + "\"changes\":{\"email\":\"a@b.c\"}}"))).isEqualTo("changedAt must be an RFC 3339 timestamp with its"
                + " offset: \"2026-11-24 09:00:00\" has none, so the time zone it was written in is unknown; add it (Z for"
                + " UTC, or the offset such as +01:00), then replay the change");
    }
}
