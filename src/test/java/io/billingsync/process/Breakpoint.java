package io.billingsync.process;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.Method;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Stops a service process at a chosen point of its code, so that a test can kill it exactly there: the process is
 * started with a debug agent on loopback ({@link #agent()}), this attaches to it and suspends the whole JVM when a
 * thread enters the given method. Nothing in the service knows about it.
 */
final class Breakpoint implements AutoCloseable {
    private final int port;
    private VirtualMachine vm;
    private String className;
    private String methodName;
    private int hit = 1;

    Breakpoint() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
    }

    /** The environment that starts the service with the debug agent listening on this breakpoint's port. */
    Map<String, String> agent() {
        return Map.of("JAVA_TOOL_OPTIONS", "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + port);
    }

    /** Attaches (the process may still be starting) and arms the breakpoint at the entry of {@code className.methodName}. */
    void arm(String className, String methodName, Duration timeout) throws Exception {
        arm(className, methodName, 1, timeout);
    }

    /** As {@link #arm(String, String, Duration)}, stopping at the {@code hit}-th entry (counted from the start). */
    void arm(String className, String methodName, int hit, Duration timeout) throws Exception {
        this.hit = hit;
        this.className = className;
        this.methodName = methodName;
        AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(c -> c.transport().name().equals("dt_socket")).findFirst().orElseThrow();
        Map<String, Connector.Argument> arguments = socket.defaultArguments();
        arguments.get("hostname").setValue("127.0.0.1");
        arguments.get("port").setValue(String.valueOf(port));
        Instant deadline = Instant.now().plus(timeout);
        while (vm == null) {
            try {
                vm = socket.attach(arguments);
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
        ClassPrepareRequest prepared = vm.eventRequestManager().createClassPrepareRequest();
        prepared.addClassFilter(className);
        prepared.enable();
        vm.classesByName(className).forEach(this::breakIn);
    }

    private void breakIn(ReferenceType type) {
        for (Method method : type.methodsByName(methodName)) {
            BreakpointRequest request = vm.eventRequestManager().createBreakpointRequest(method.location());
            request.setSuspendPolicy(EventRequest.SUSPEND_ALL);
            if (hit > 1) {
                request.addCountFilter(hit);
            }
            request.enable();
        }
    }

    /** Waits until a thread enters the method: the whole JVM then stands still there. */
    void awaitHit(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            EventSet events = vm.eventQueue().remove(200);
            if (events == null) {
                continue;
            }
            for (Event event : events) {
                if (event instanceof BreakpointEvent) {
                    return;
                }
                if (event instanceof ClassPrepareEvent prepared) {
                    breakIn(prepared.referenceType());
                }
            }
            events.resume();
        }
        throw new AssertionError("no thread entered " + className + "." + methodName + " within " + timeout);
    }

    @Override
    public void close() {
        if (vm != null) {
            try {
                vm.dispose();
            } catch (VMDisconnectedException gone) {
                // killed: nothing left to detach from
            }
        }
    }
}
