package io.billingsync.sftp;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the remote folder held at the last listing, and since when each file has kept its size and modification
 * time, measured on this machine's clock (the server's clock may be off). A file is stable once it kept both for
 * {@code stableAfter}; a file that changes starts its wait again.
 */
final class RemoteListing {

    private record Seen(long size, long modified, Instant unchangedSince, Instant firstSeen) {
    }

    private final Duration stableAfter;
    private final Map<String, Seen> files = new HashMap<>();
    private final Set<String> names = new HashSet<>();

    RemoteListing(Duration stableAfter) {
        this.stableAfter = stableAfter;
    }

    synchronized void pollStarted() {
        names.clear();
    }

    /** Every entry the listing shows, whether it is taken or not (done markers too). */
    synchronized void listed(String listedName) {
        names.add(listedName);
    }

    synchronized boolean contains(String listedName) {
        return names.contains(listedName);
    }

    synchronized boolean stable(RemoteFile file, Instant now) {
        Seen before = files.get(file.listedName());
        if (before == null || before.size() != file.size() || before.modified() != file.modified()) {
            files.put(file.listedName(), new Seen(file.size(), file.modified(), now,
                    before == null ? now : before.firstSeen()));
            return false;
        }
        return !now.isBefore(before.unchangedSince().plus(stableAfter));
    }

    /** Forgets files gone from the listing; returns the names that the last listing showed. */
    synchronized Set<String> pollEnded() {
        files.keySet().retainAll(names);
        return Set.copyOf(names);
    }

    /**
     * Whether a file is still waiting to become stable and may yet: a --once run waits for those, but gives up on a
     * file that kept changing for twice {@code stableAfter} (it is fetched by a later run).
     */
    synchronized boolean waiting(Instant now) {
        return files.values().stream().anyMatch(seen -> now.isBefore(seen.unchangedSince().plus(stableAfter))
                && now.isBefore(seen.firstSeen().plus(stableAfter.multipliedBy(2))));
    }
}
