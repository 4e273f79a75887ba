package io.billingsync.route;

import org.apache.camel.Exchange;

/** Access to the change an exchange carries through the routes. */
final class ChangeRoutes {
    private ChangeRoutes() {
    }

    static ChangeInFlight change(Exchange exchange) {
        ChangeInFlight change = exchange.getProperty(ChangeInFlight.PROPERTY, ChangeInFlight.class);
        if (change == null) {
            throw new IllegalStateException("exchange " + exchange.getExchangeId() + " carries no change");
        }
        return change;
    }
}
