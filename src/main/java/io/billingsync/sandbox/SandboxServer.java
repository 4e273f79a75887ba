package io.billingsync.sandbox;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/** The sandbox's HTTP (or HTTPS) listener on loopback, which can stop and listen again on the same port. */
final class SandboxServer {
    private final HttpHandler handler;
    private final SSLContext tls;
    private HttpServer server;
    private ExecutorService threads;
    private int port;

    /** @param tls the certificate to present over HTTPS; null for plain HTTP */
    SandboxServer(HttpHandler handler, SSLContext tls) {
        this.handler = handler;
        this.tls = tls;
        // without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    synchronized void listen(int requestedPort) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort);
            if (tls == null) {
                server = HttpServer.create(address, 256);
            } else {
                HttpsServer https = HttpsServer.create(address, 256);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new IllegalStateException("sandbox cannot listen on 127.0.0.1:" + requestedPort + ": " + e.getMessage(), e);
        }
        threads = Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "sandbox-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", handler);
        server.start();
        port = server.getAddress().getPort();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
            server = null;
        }
    }

    synchronized void restart() {
        stop();
        listen(port);
    }

    int port() {
        return port;
    }

    URI baseUrl() {
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + port);
    }
}
