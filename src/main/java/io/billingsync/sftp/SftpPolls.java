package io.billingsync.sftp;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each poll of the server as a whole. Before the first poll of a consumer (a start, a new leader), fetches a killed
 * run left half-done are finished. After a poll, fetched files no longer listed (moved off the server just before a
 * kill) are forgotten; a poll that met a problem fails, so Camel waits {@code sync.sftp.retry-interval}
 * ({@code backoffMultiplier}) before the next, and {@link SftpProblems} says why. Also the consumer's exception
 * handler: every failure is reported there once, so Camel's own handler does not log it again on every poll.
 */
public final class SftpPolls implements PollingConsumerPollStrategy, ExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SftpPolls.class);

    private final RemoteListing listing;
    private final FetchLedger ledger;
    private final SftpDelivery delivery;
    private final SftpProblems problems;
    private final SftpServer server;
    private final SftpOnceRun once;
    private final Clock clock;
    private final BooleanSupplier leading;
    private volatile Consumer recovered;

    SftpPolls(RemoteListing listing, FetchLedger ledger, SftpDelivery delivery, SftpProblems problems, SftpServer server,
              SftpOnceRun once, Clock clock, BooleanSupplier leading) {
        this.listing = listing;
        this.ledger = ledger;
        this.delivery = delivery;
        this.problems = problems;
        this.server = server;
        this.once = once;
        this.clock = clock;
        this.leading = leading;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        if (!leading.getAsBoolean()) {
            return false; // no poll at all: a standby never connects to the server
        }
        problems.pollStarted();
        listing.pollStarted();
        if (recovered != consumer) {
            delivery.recover();
            recovered = consumer;
        }
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        Set<String> listed = listing.pollEnded();
        for (FetchLedger.Fetch fetch : leading.getAsBoolean() ? ledger.all() : List.<FetchLedger.Fetch>of()) {
            if (!listed.contains(fetch.listedName()) && delivery.delivered(fetch)) {
                LOG.debug("{}: no longer on the server, forgotten", fetch.printable());
                ledger.forget(fetch.id());
            }
        }
        if (problems.pollEnded()) {
            throw new SftpPollFailedException(problems.current().reason());
        }
        if (!listing.waiting(clock.instant())) {
            once.fetched();
        }
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        if (!(cause instanceof SftpPollFailedException)) {
            problems.report(SftpFailure.of(cause, server));
        }
        problems.pollEnded();
        return false;
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, org.apache.camel.Exchange exchange, Throwable exception) {
        LOG.debug("{} ({}): {}", server, message, exception == null ? null : exception.toString());
    }

    /** A poll that met a problem already reported: it fails only to make Camel back off. */
    static final class SftpPollFailedException extends RuntimeException {
        SftpPollFailedException(String reason) {
            super(reason, null, false, false);
        }
    }
}
