package io.billingsync.e2e;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.DefaultThreadPoolFactory;

/**
 * A machine in trouble, for some of Camel's threads: bound as a bean ({@code camel.beans.<name> = #class:...}), it
 * installs itself as the context's thread pool factory when Camel Main hands it the context, before any route is set
 * up, and decides for each pool from the name of its threads.
 */
abstract class ThreadTrouble extends DefaultThreadPoolFactory {

    @Override
    public void setCamelContext(CamelContext camel) {
        super.setCamelContext(camel);
        if (camel.getExecutorServiceManager().getThreadPoolFactory() != this) {
            camel.getExecutorServiceManager().setThreadPoolFactory(this);
        }
    }

    @Override
    public ExecutorService newThreadPool(ThreadPoolProfile profile, ThreadFactory threads) {
        return super.newThreadPool(profile, troubled(name(threads), threads));
    }

    @Override
    public ScheduledExecutorService newScheduledThreadPool(ThreadPoolProfile profile, ThreadFactory threads) {
        return super.newScheduledThreadPool(profile, troubled(name(threads), threads));
    }

    /** The threads of the pool whose threads are named {@code name}: {@code threads}, or threads in trouble. */
    protected abstract ThreadFactory troubled(String name, ThreadFactory threads);

    private static String name(ThreadFactory threads) {
        return threads.newThread(() -> { }).getName();
    }
}
