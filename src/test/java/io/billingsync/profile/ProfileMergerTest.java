package io.billingsync.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileMergerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A profile as Partner Center returns it, with a field the documentation does not name. */
    private static final String PROFILE = """
            {"id":"a58ceba5-60ac-48e4-a0bc-2a855811807a","firstName":"Ann","lastName":"Lee",
             "email":"ann@contoso.com","culture":"en-US","language":"en","companyName":"Contoso",
             "defaultAddress":{"country":"US","city":"Redmond","state":"WA","addressLine1":"1 Microsoft Way",
                               "addressLine2":"Building 1","postalCode":"98052","firstName":"Ann","lastName":"Lee",
                               "county":"King"},
             "vatNumber":"US-123",
             "links":{"self":{"uri":"/customers/a58ceba5-60ac-48e4-a0bc-2a855811807a/profiles/billing",
                              "method":"GET","headers":[]}},
             "attributes":{"etag":"etag-1","objectType":"CustomerBillingProfile"}}""";

    private final ProfileMerger merger = new ProfileMerger();

    private static ObjectNode object(String json) {
        return (ObjectNode) value(json);
    }

    private MergeResult merge(String current, String changes) {
        return merger.merge(object(current), object(changes));
    }

    private MergeResult mergeIntoProfile(String changes) {
        return merge(PROFILE, changes);
    }

    /** The profile with one field (at a dotted path) set to a JSON value. */
    private static ObjectNode profileWith(String path, String jsonValue) {
        ObjectNode expected = object(PROFILE);
        ObjectNode parent = expected;
        String[] names = path.split("\\.");
        for (int i = 0; i < names.length - 1; i++) {
            parent = (ObjectNode) parent.get(names[i]);
        }
        parent.set(names[names.length - 1], value(jsonValue));
        return expected;
    }

    private static JsonNode value(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("test input is not JSON: " + json, e);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertChanged(MergeResult result, String... paths) {
        assertThat(result.changedPaths()).containsExactly(paths);
        assertThat(result.unchanged()).isEqualTo(paths.length == 0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"email":"billing@contoso.com"}                       | email                       | "billing@contoso.com"
            {"defaultAddress":{"addressLine1":"2 Main St"}}       | defaultAddress.addressLine1 | "2 Main St"
            {"defaultAddress":{"addressLine2":null}}              | defaultAddress.addressLine2 | null
            {"companyName":null}                                  | companyName                 | null
            {"defaultAddress":null}                               | defaultAddress              | null
            {"email":"ANN@contoso.com"}                           | email                       | "ANN@contoso.com"
            """)
    void aChangeSetsOneFieldAndLeavesEverythingElseAsItWas(String changes, String path, String value) {
        MergeResult result = mergeIntoProfile(changes);

        assertThat(result.merged()).isEqualTo(profileWith(path, value));
        assertChanged(result, path);
    }

    @Test
    void nullSetsTheFieldToJsonNullInsteadOfRemovingIt() {
        ObjectNode address = (ObjectNode) mergeIntoProfile("{\"defaultAddress\":{\"addressLine2\":null}}").merged()
                .get("defaultAddress");

        assertThat(address.has("addressLine2")).isTrue();
        assertThat(address.get("addressLine2").isNull()).isTrue();
        assertThat(names(address)).isEqualTo(names(object(PROFILE).get("defaultAddress")));
    }

    @Test
    void anObjectMergesKeepingUntouchedSiblingsAndUnknownFields() {
        MergeResult result = mergeIntoProfile("{\"defaultAddress\":{\"city\":\"Seattle\",\"postalCode\":\"98101\"}}");

        JsonNode address = result.merged().get("defaultAddress");
        assertThat(address.get("city").asText()).isEqualTo("Seattle");
        assertThat(address.get("postalCode").asText()).isEqualTo("98101");
        assertThat(address.get("addressLine1").asText()).isEqualTo("1 Microsoft Way");
        assertThat(address.get("county").asText()).isEqualTo("King");
        assertThat(result.merged().get("vatNumber").asText()).isEqualTo("US-123");
        assertChanged(result, "defaultAddress.city", "defaultAddress.postalCode");
    }

    @Test
    void serverMetadataIsSentBackUntouched() {
        MergeResult result = mergeIntoProfile("{\"email\":\"billing@contoso.com\",\"companyName\":\"Fabrikam\"}");

        ObjectNode profile = object(PROFILE);
        for (String name : List.of("id", "links", "attributes", "vatNumber", "defaultAddress")) {
            assertThat(result.merged().get(name)).as(name).isEqualTo(profile.get(name));
        }
    }

    @Test
    void fieldOrderIsKept() {
        MergeResult result = mergeIntoProfile(
                "{\"defaultAddress\":{\"country\":\"CA\",\"county\":null},\"email\":\"x@y.z\",\"id\":\"other\"}");

        ObjectNode profile = object(PROFILE);
        assertThat(names(result.merged())).isEqualTo(names(profile));
        assertThat(names(result.merged().get("defaultAddress"))).isEqualTo(names(profile.get("defaultAddress")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"defaultAddress":{"middleName":null}}
            {"Middlename":null,"defaultAddress":{"PhoneNumber":null}}
            {"email":"ann@contoso.com"}
            {"EMAIL":"ann@contoso.com","DefaultAddress":{"City":"Redmond","county":"King"}}
            {"defaultAddress":{}}
            """)
    void aChangeThatLeavesTheProfileAsItIsChangesNothing(String changes) {
        MergeResult result = mergeIntoProfile(changes);

        assertChanged(result);
        assertThat(result.merged()).isEqualTo(object(PROFILE));
    }

    @Test
    void nullForAFieldThatIsAlreadyNullChangesNothing() {
        String current = "{\"email\":null,\"defaultAddress\":{\"addressLine2\":null}}";

        MergeResult result = merge(current, "{\"email\":null,\"defaultAddress\":{\"addressLine2\":null}}");

        assertChanged(result);
        assertThat(result.merged()).isEqualTo(object(current));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EMAIL", "Email", "eMail", "email"})
    void aNameInAnyCasingWritesTheServersCasingWithoutAddingAKey(String name) {
        MergeResult result = mergeIntoProfile("{\"" + name + "\":\"billing@contoso.com\"}");

        assertThat(result.merged()).isEqualTo(profileWith("email", "\"billing@contoso.com\""));
        assertThat(names(result.merged())).isEqualTo(names(object(PROFILE)));
        assertChanged(result, "email");
    }

    @Test
    void nestedNamesInAnyCasingWriteTheServersCasing() {
        MergeResult result = mergeIntoProfile("{\"DefaultAddress\":{\"AddressLine1\":\"2 Main St\",\"CITY\":\"Seattle\"}}");

        assertThat(names(result.merged())).isEqualTo(names(object(PROFILE)));
        assertThat(names(result.merged().get("defaultAddress"))).isEqualTo(names(object(PROFILE).get("defaultAddress")));
        assertChanged(result, "defaultAddress.addressLine1", "defaultAddress.city");
    }

    @Test
    void aServerThatAnswersInPascalCaseGetsPascalCaseBack() {
        String current = "{\"Email\":\"ann@contoso.com\",\"DefaultAddress\":{\"City\":\"Redmond\",\"Country\":\"US\"}}";

        MergeResult result = merge(current, "{\"email\":\"x@y.z\",\"defaultAddress\":{\"city\":\"Seattle\"}}");

        assertThat(result.merged()).isEqualTo(
                object("{\"Email\":\"x@y.z\",\"DefaultAddress\":{\"City\":\"Seattle\",\"Country\":\"US\"}}"));
        assertChanged(result, "Email", "DefaultAddress.City");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"COMPANYNAME":"Fabrikam"} | {"email":"ann@contoso.com","companyName":"Fabrikam"} | companyName
            {"DefaultAddress":{"AddressLine1":"1 Main St"}} | {"email":"ann@contoso.com","defaultAddress":{"addressLine1":"1 Main St"}} | defaultAddress.addressLine1
            {"vatNumber":"NO-1","Email":"ann@contoso.com"} | {"email":"ann@contoso.com","vatNumber":"NO-1"} | vatNumber
            """)
    void aNameTheServerDidNotReturnIsAddedAtTheEndInTheDocumentedCasing(String changes, String expected, String path) {
        MergeResult result = merge("{\"email\":\"ann@contoso.com\"}", changes);

        assertThat(result.merged()).isEqualTo(object(expected));
        assertThat(names(result.merged())).isEqualTo(names(object(expected)));
        assertChanged(result, path);
    }

    @Test
    void anAddressFieldTheServerDidNotReturnIsAddedInTheDocumentedCasing() {
        MergeResult result = mergeIntoProfile("{\"defaultAddress\":{\"MIDDLENAME\":\"J\",\"phonenumber\":\"4255550100\"}}");

        List<String> expectedNames = new ArrayList<>(names(object(PROFILE).get("defaultAddress")));
        expectedNames.addAll(List.of("middleName", "phoneNumber"));
        assertThat(names(result.merged().get("defaultAddress"))).isEqualTo(expectedNames);
        assertChanged(result, "defaultAddress.middleName", "defaultAddress.phoneNumber");
    }

    @Test
    void anObjectChangeOntoAMissingObjectCreatesItWhenSomethingChanges() {
        MergeResult result = merge("{\"email\":\"ann@contoso.com\"}",
                "{\"defaultAddress\":{\"addressLine1\":\"1 Main St\",\"addressLine2\":null,\"City\":\"Oslo\"}}");

        assertThat(result.merged()).isEqualTo(object(
                "{\"email\":\"ann@contoso.com\",\"defaultAddress\":{\"addressLine1\":\"1 Main St\",\"city\":\"Oslo\"}}"));
        assertChanged(result, "defaultAddress.addressLine1", "defaultAddress.city");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"email\":\"ann@contoso.com\"}", "{\"email\":\"ann@contoso.com\",\"defaultAddress\":null}"})
    void anObjectChangeThatOnlyClearsCreatesNoObject(String current) {
        MergeResult result = merge(current, "{\"defaultAddress\":{\"addressLine2\":null}}");

        assertChanged(result);
        assertThat(result.merged()).isEqualTo(object(current));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"1 Main St, Oslo\"", "[\"1 Main St\"]"})
    void anObjectChangeReplacesANullOrNonObjectValue(String existing) {
        MergeResult result = merge("{\"defaultAddress\":" + existing + ",\"email\":\"a@b.c\"}",
                "{\"defaultAddress\":{\"city\":\"Oslo\"}}");

        assertThat(result.merged()).isEqualTo(object("{\"defaultAddress\":{\"city\":\"Oslo\"},\"email\":\"a@b.c\"}"));
        assertChanged(result, "defaultAddress.city");
    }

    @Test
    void changedPathsFollowTheOrderOfTheChangeAndLeaveOutUnchangedFields() {
        MergeResult result = mergeIntoProfile("{\"language\":\"nb\",\"companyName\":\"Contoso\","
                + "\"defaultAddress\":{\"postalCode\":\"98101\",\"city\":\"Redmond\",\"country\":\"CA\"},\"email\":null}");

        assertChanged(result, "language", "defaultAddress.postalCode", "defaultAddress.country", "email");
    }

    @Test
    void theCurrentProfileIsNotModified() {
        ObjectNode current = object(PROFILE);

        MergeResult result = merger.merge(current, object("{\"EMAIL\":\"x@y.z\",\"defaultAddress\":{\"city\":null,"
                + "\"middleName\":\"J\"},\"companyName\":null,\"culture\":\"nb-NO\"}"));

        assertThat(current).isEqualTo(object(PROFILE));
        assertThat(result.merged()).isNotSameAs(current).isNotEqualTo(current);
        assertThat(result.merged().get("defaultAddress")).isNotSameAs(current.get("defaultAddress"));
    }

    @Test
    void theChangedPathsCannotBeModified() {
        List<String> paths = mergeIntoProfile("{\"email\":\"x@y.z\"}").changedPaths();

        assertThat(paths).isUnmodifiable();
    }
}
