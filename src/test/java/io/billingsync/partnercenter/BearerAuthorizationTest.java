package io.billingsync.partnercenter;

import com.sun.net.httpserver.HttpServer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BearerAuthorizationTest {

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile String acceptedToken = "fresh";

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(auth));
            int status = ("Bearer " + acceptedToken).equals(auth) ? 200 : 401;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/customers/x/profiles/billing";
    }

    private int get(CloseableHttpClient client) throws IOException {
        return client.execute(new HttpGet(url()), response -> response.getCode());
    }

    @Test
    void sendsTheBearerTokenOnEveryRequest() throws IOException {
        BearerAuthorization auth = new BearerAuthorization(new StaticTokenProvider("fresh"));
        try (CloseableHttpClient client = HttpClients.custom().addRequestInterceptorFirst(auth).build()) {
            assertThat(get(client)).isEqualTo(200);
            assertThat(get(client)).isEqualTo(200);
        }
        assertThat(authorizations).containsExactly("Bearer fresh", "Bearer fresh");
    }

    @Test
    void replacesAnAuthorizationHeaderSetElsewhere() throws IOException {
        BearerAuthorization auth = new BearerAuthorization(new StaticTokenProvider("fresh"));
        try (CloseableHttpClient client = HttpClients.custom().addRequestInterceptorFirst(auth).build()) {
            HttpGet get = new HttpGet(url());
            get.setHeader("Authorization", "Bearer from-a-message-header");
            int status = client.execute(get, response -> response.getCode());
            assertThat(status).isEqualTo(200);
        }
        assertThat(authorizations).containsExactly("Bearer fresh");
    }

    @Test
    void a401InvalidatesTheRejectedTokenSoTheNextRequestGetsANewOne() throws IOException {
        RotatingTokens tokens = new RotatingTokens("expired", "fresh");
        BearerAuthorization auth = new BearerAuthorization(tokens);
        try (CloseableHttpClient client = HttpClients.custom()
                .addRequestInterceptorFirst(auth)
                .addResponseInterceptorLast(auth)
                .build()) {
            assertThat(get(client)).isEqualTo(401);
            assertThat(get(client)).isEqualTo(200);
            assertThat(get(client)).isEqualTo(200);
        }
        assertThat(tokens.invalidated).containsExactly("expired");
        assertThat(authorizations).containsExactly("Bearer expired", "Bearer fresh", "Bearer fresh");
    }

    /** Hands out tokens in order, moving to the next only when the current one is invalidated. */
    private static final class RotatingTokens implements TokenProvider {
        private final String[] tokens;
        private final AtomicInteger current = new AtomicInteger();
        final List<String> invalidated = new CopyOnWriteArrayList<>();

        RotatingTokens(String... tokens) {
            this.tokens = tokens;
        }

        @Override
        public String accessToken() {
            return tokens[current.get()];
        }

        @Override
        public void invalidate(String rejectedToken) {
            invalidated.add(rejectedToken);
            int i = current.get();
            if (tokens[i].equals(rejectedToken) && i + 1 < tokens.length) {
                current.compareAndSet(i, i + 1);
            }
        }

        @Override
        public boolean canRefresh() {
            return true;
        }
    }
}
