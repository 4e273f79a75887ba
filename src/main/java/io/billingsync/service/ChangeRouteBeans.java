package io.billingsync.service;

import io.billingsync.config.SyncSettings;
import io.billingsync.partnercenter.Backoff;
import io.billingsync.partnercenter.RetryBudget;
import io.billingsync.partnercenter.TokenProvider;
import io.billingsync.profile.ProfileMerger;
import io.billingsync.route.ChangeMerge;
import io.billingsync.route.ChangeOutcomes;
import io.billingsync.route.FailureDescriptions;
import io.billingsync.route.PartnerCenterHealth;
import io.billingsync.route.RetryDecisions;
import io.billingsync.route.WriteFallback;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The apply-change route's own beans: the merge, the outcomes, and the failure rules' retry decisions and fallback. */
final class ChangeRouteBeans {
    private final Wiring wiring;
    private final TokenProvider tokens;
    private final PartnerCenterHealth health;

    ChangeRouteBeans(Wiring wiring, TokenProvider tokens, PartnerCenterHealth health) {
        this.wiring = wiring;
        this.tokens = tokens;
        this.health = health;
    }

    void bind() {
        wiring.bind("changeMerge", new ChangeMerge(new ProfileMerger()));
        wiring.bind("changeOutcomes", new ChangeOutcomes(new FailureDescriptions(), wiring.clock()));
        wiring.bind("retryDecisions", retryDecisions());
        wiring.bind("writeFallback", new WriteFallback());
    }

    private RetryDecisions retryDecisions() {
        SyncSettings settings = wiring.settings();
        return new RetryDecisions(settings.conflictMaxAttempts(),
                jitteredBackoff(settings.conflictBackoff(), settings.conflictBackoffCeiling()),
                new RetryBudget(settings.retryMaxDuration(), jitteredBackoff(settings.retryInitialBackoff(), settings.retryMaxBackoff())),
                tokens, health, wiring.metrics(), wiring.clock());
    }

    private static Backoff jitteredBackoff(Duration first, Duration longest) {
        return new Backoff(first, longest, 2.0, () -> ThreadLocalRandom.current().nextDouble());
    }
}
