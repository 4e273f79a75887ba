package io.billingsync.cli;

import io.billingsync.config.SyncSettings;
import io.billingsync.partnercenter.CredentialsCheck;
import java.io.PrintStream;

/**
 * {@code check-credentials}: whether the configured credentials will work, on one screen (what was checked, each
 * step's outcome, the verdict and what to do), before the service's first file. Prints no secret.
 */
final class CheckCredentialsCommand {
    /** The credentials will not work until an operator acts. */
    static final int REFUSED = 3;
    /** The check could not tell: the token endpoint or Partner Center did not answer. */
    static final int UNKNOWN = 4;

    private final PrintStream out;

    CheckCredentialsCommand(PrintStream out) {
        this.out = out;
    }

    int run(SyncSettings settings, CredentialsCheck check) {
        out.println("Partner Center: " + settings.baseUrl());
        out.println("credentials:    " + describe(settings));
        CredentialsCheck.Result result = check.run();
        result.steps().forEach(step -> out.printf("  %-62s %s%n", step.name(), step.outcome()));
        switch (result.verdict()) {
            case WORKS -> out.println("The credentials will work. " + result.conclusion());
            case REFUSED -> out.println("The credentials will NOT work: " + result.conclusion());
            case UNKNOWN -> out.println("Could not tell whether the credentials will work: " + result.conclusion());
        }
        return switch (result.verdict()) {
            case WORKS -> 0;
            case REFUSED -> REFUSED;
            case UNKNOWN -> UNKNOWN;
        };
    }

    private static String describe(SyncSettings settings) {
        SyncSettings.AuthSettings auth = settings.auth();
        if (auth == null) {
            return "a static bearer token (partnercenter.token)";
        }
        return "App + User refresh-token grant: client " + auth.clientId() + ", token endpoint " + auth.tokenUrl()
                + ", refresh token " + (auth.refreshTokenFile() != null ? "in " + auth.refreshTokenFile()
                : "from partnercenter.auth.refresh-token");
    }
}
