package io.billingsync.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * {@code GET /observe/status} on the management port: the running service's {@link ServiceStatus} as JSON, what the
 * {@code status} command reads. Added to the management server's router once it runs; absent when it is off.
 */
public final class StatusEndpoint implements StartupListener {
    public static final String PATH = "/observe/status";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveStatus status;

    public StatusEndpoint(LiveStatus status) {
        this.status = status;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the management server's router exists once the context has started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        VertxPlatformHttpRouter router = server == null ? null : server.getRouter();
        if (router == null) {
            return;
        }
        router.route(HttpMethod.GET, PATH).produces("application/json").blockingHandler(request -> {
            try {
                byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(status.now());
                request.response().putHeader("Content-Type", "application/json").end(io.vertx.core.buffer.Buffer.buffer(body));
            } catch (JsonProcessingException | RuntimeException e) {
                request.response().setStatusCode(500).end(e.getClass().getSimpleName());
            }
        });
    }
}
