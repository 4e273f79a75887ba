package io.billingsync.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** How settings that hold a URL are read; each refusal names the setting, the value and the fix. */
final class UrlSettingParsers {
    private UrlSettingParsers() {
    }

    /** An API server of our own infrastructure (not Partner Center): any http(s) URL. */
    static final Setting.Parser<URI> SERVER_URL = (name, value) -> {
        try {
            URI uri = URI.create(value);
            if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + "=" + value + " is not an http(s) URL such as https://10.0.0.1:6443");
    };

    /** Partner Center and token endpoints: https with certificate checks, plain http only on loopback. */
    static Setting.Parser<URI> endpoint(String fix) {
        return (name, value) -> {
            URI uri;
            try {
                uri = URI.create(value.replaceAll("/+$", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + "=" + value + " is not a URL: " + fix, e);
            }
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new IllegalArgumentException(name + "=" + value + " is not an http(s) URL: " + fix);
            }
            if ("http".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
                throw new IllegalArgumentException(name + "=" + value
                        + " must use https (plain http is accepted only for loopback addresses)");
            }
            return uri;
        };
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                return false; // never resolve names here: only literal loopback addresses count
            }
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
