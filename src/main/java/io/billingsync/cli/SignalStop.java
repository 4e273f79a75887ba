package io.billingsync.cli;

import io.billingsync.service.SyncService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM, Ctrl-C (SIGINT) and SIGHUP stop the service the way its own completion does: in-flight changes finish
 * within camel.main.shutdown-timeout, the rest stays in the inbox, and the process exits 0 instead of the JVM's
 * 143/130/129. The log names the signal that came; Camel's own shutdown hook, which would call any stop "SIGTERM",
 * is left out once these handlers are in place.
 */
final class SignalStop {
    private static final Logger LOG = LoggerFactory.getLogger(SignalStop.class);

    private SignalStop() {
    }

    static void install(SyncService service) {
        boolean terminate = handle("TERM", service);
        boolean interrupt = handle("INT", service);
        handle("HUP", service); // ignored under nohup: then it never comes
        if (terminate && interrupt) {
            service.withoutCamelShutdownHook();
        }
    }

    private static boolean handle(String signal, SyncService service) {
        try {
            Signal.handle(new Signal(signal), received -> {
                LOG.info("SIG{} received: stopping; changes in flight finish within camel.main.shutdown-timeout, "
                        + "the rest stays in the inbox", received.getName());
                service.requestStop();
            });
            return true;
        } catch (IllegalArgumentException unsupported) {
            return false; // the JVM's own shutdown hook still stops Camel gracefully
        }
    }
}
