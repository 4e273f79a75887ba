package io.billingsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.sandbox.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The values of one field a customer's PUTs carried, in the order the sandbox received them, and the order its changes set them in. */
record CustomerPuts(String customer, List<String> values, Map<String, Integer> positions) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CUSTOMER = Pattern.compile("/customers/([^/]+)/");

    Comparator<String> changeOrder() {
        return Comparator.comparing(positions::get);
    }

    /** Per customer that was PUT; fails on a value PUT that none of the customer's applicable changes set. */
    static List<CustomerPuts> of(List<RecordedRequest> requests, String field, List<ExpectedChange> changes) {
        Map<String, Map<String, Integer>> positions = new HashMap<>();
        for (ExpectedChange change : changes) {
            if (change.applicable() && change.field().equals(field)) {
                Map<String, Integer> ofCustomer = positions.computeIfAbsent(key(change.customer()), k -> new HashMap<>());
                assertThat(ofCustomer.put(change.value(), ofCustomer.size())).as("%s set to %s by a second change of %s: "
                        + "the order of the PUTs cannot be read off their values", field, change.value(), change.customer()).isNull();
            }
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (RecordedRequest put : puts(requests)) {
            String customer = customerOf(put);
            String value = body(put).path(field).asText();
            assertThat(positions.getOrDefault(customer, Map.of())).as("PUT for %s carries %s %s", customer, field, value).containsKey(value);
            values.computeIfAbsent(customer, k -> new ArrayList<>()).add(value);
        }
        List<CustomerPuts> all = new ArrayList<>();
        values.forEach((customer, sent) -> all.add(new CustomerPuts(customer, sent, positions.get(customer))));
        return all;
    }

    /** The values PUT for the customer (for any customer when null), in the order the sandbox received them. */
    static List<String> values(List<RecordedRequest> requests, String customer, String field) {
        return puts(requests).stream().filter(put -> customer == null || customerOf(put).equals(key(customer)))
                .map(put -> body(put).path(field).asText()).toList();
    }

    private static List<RecordedRequest> puts(List<RecordedRequest> requests) {
        return requests.stream().filter(r -> r.method().equals("PUT")).toList();
    }

    private static String customerOf(RecordedRequest put) {
        Matcher matcher = CUSTOMER.matcher(put.path());
        assertThat(matcher.find()).as("a billing profile's path: " + put.path()).isTrue();
        return key(matcher.group(1));
    }

    private static String key(String customer) {
        return customer.toLowerCase(Locale.ROOT);
    }

    private static JsonNode body(RecordedRequest put) {
        try {
            return JSON.readTree(put.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
