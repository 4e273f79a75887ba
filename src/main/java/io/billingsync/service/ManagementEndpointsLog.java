package io.billingsync.service;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One start-up line with the management endpoints at the address the server is bound to (Camel's own summary
 * always prints 0.0.0.0, whatever camel.management.host says, and is switched off in log4j2.xml).
 */
public final class ManagementEndpointsLog implements StartupListener {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementEndpointsLog.class);

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the endpoints are all registered once the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null) {
            LOG.info("Management endpoints are off (camel.management.enabled=false): no health, metrics or status"
                    + " endpoint; the shipped default is on, port 9876");
            return;
        }
        String host = server.getHost().contains(":") ? "[" + server.getHost() + "]" : server.getHost();
        String base = "http://" + host + ":" + server.getPort();
        List<String> urls = new ArrayList<>();
        for (HttpEndpointModel endpoint : context.getComponent("platform-http", PlatformHttpComponent.class).getHttpManagementEndpoints()) {
            urls.add(base + endpoint.getUri());
            if (server.isHealthCheckEnabled() && endpoint.getUri().equals(server.getHealthPath())) {
                urls.add(base + endpoint.getUri() + "/live");
                urls.add(base + endpoint.getUri() + "/ready");
            }
        }
        if (!urls.isEmpty()) {
            LOG.info("Management endpoints: {}", String.join(", ", urls));
        }
    }
}
