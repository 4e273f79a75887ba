package io.billingsync.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's side of one Partner Center call: the path it serves and its answer. The faults every call shares
 * (throttling, server errors, credentials refused, a gateway's header echo) are applied before it is asked.
 */
interface SandboxHandler {

    /** The path it serves (below the sandbox's path prefix), its groups the path's parameters. */
    Pattern path();

    /** Answers one request whose path matched. */
    void answer(HttpExchange exchange, Matcher path, byte[] body) throws IOException;
}
