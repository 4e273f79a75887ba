package io.billingsync.partnercenter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.function.Function;

/**
 * One call the service makes to Partner Center, declared once in {@link PartnerCenterCalls}.
 *
 * @param operation its label in the request-latency metric ({@code operation="GET"})
 * @param method    the HTTP method
 * @param path      the path below {@code partnercenter.base-url}, with {@code {placeholders}} filled in per request
 * @param doing     what the service is doing while the call runs, as the messages say it ("reading the billing profile")
 * @param answer    what a 2xx answer is read as
 * @param failures  how its failure answers are classified
 * @param <T>       the type a 2xx answer is read as
 */
public record PartnerCenterCall<T>(String operation, String method, String path, String doing, Answer<T> answer,
                                   FailureAnswers failures) {

    public PartnerCenterCall {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(doing, "doing");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(failures, "failures");
    }

    /** The path with its placeholders replaced, in order, by values checked beforehand (a customer id is a GUID). */
    public String pathFor(String... values) {
        StringBuilder filled = new StringBuilder(path.length() + 64);
        int from = 0;
        for (String value : values) {
            int open = path.indexOf('{', from);
            int close = open < 0 ? -1 : path.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException(path + " has fewer placeholders than the " + values.length + " values given");
            }
            filled.append(path, from, open).append(value);
            from = close + 1;
        }
        if (path.indexOf('{', from) >= 0) {
            throw new IllegalArgumentException(path + " has more placeholders than the " + values.length + " values given");
        }
        return filled.append(path, from, path.length()).toString();
    }

    /** Reads what a 2xx answer carries. */
    @FunctionalInterface
    public interface Reading<T> {
        /**
         * @param body   the answer's JSON object; null when the call allows an empty answer and got one
         * @param header response header lookup by name (null when absent)
         */
        T read(ObjectNode body, Function<String, String> header);
    }

    /**
     * What a 2xx answer is read as. Its body must be a JSON object ({@code what} names it in the message when it is
     * not: a gateway's page or a body cut short is retried like a 503); {@code mayBeEmpty}: an empty answer is a
     * success too (as 201, 204 or an empty 200 to a PUT).
     */
    public record Answer<T>(String what, boolean mayBeEmpty, Reading<T> reading) {

        public static <T> Answer<T> object(String what, Reading<T> reading) {
            return new Answer<>(what, false, reading);
        }

        public static <T> Answer<T> objectOrNothing(String what, Reading<T> reading) {
            return new Answer<>(what, true, reading);
        }
    }
}
