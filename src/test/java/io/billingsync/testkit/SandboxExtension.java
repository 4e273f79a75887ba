package io.billingsync.testkit;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Each test gets a fresh folder and a started Partner Center sandbox, stopped and removed after it. Registered with
 * {@code @ExtendWith(SandboxExtension.class)}, or with {@code @RegisterExtension} for a sandbox of other settings.
 * Before the test's {@code @BeforeEach} methods run, it fills the test's fields (its superclasses' too):
 * <ul>
 * <li>{@code @Root Path}: the test's folder, holding the service's folders ({@link SyncFolders#under});</li>
 * <li>{@link SyncFolders}: those folders (not created);</li>
 * <li>{@link PartnerCenterSandbox}: the sandbox;</li>
 * <li>{@code @Customers(n) List<String>}: n new customers of the sandbox; {@code @Customer String}: one each, in
 * the order the fields are declared.</li>
 * </ul>
 */
public class SandboxExtension implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SandboxExtension.class);

    /** The test's folder. */
    @Target(FIELD)
    @Retention(RUNTIME)
    public @interface Root {
    }

    /** New customers of the sandbox, as a {@code List<String>} of their ids. */
    @Target(FIELD)
    @Retention(RUNTIME)
    public @interface Customers {
        int value();
    }

    /** A new customer of the sandbox, as a {@code String} id. */
    @Target(FIELD)
    @Retention(RUNTIME)
    public @interface Customer {
    }

    private final Supplier<PartnerCenterSandbox> sandboxes;

    public SandboxExtension() {
        this(SandboxSettings.defaults());
    }

    public SandboxExtension(SandboxSettings settings) {
        this.sandboxes = () -> PartnerCenterSandbox.start(settings);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        TestResources resources = new TestResources(Files.createTempDirectory("billing-sync-test-"));
        context.getStore(NAMESPACE).put(TestResources.class, resources);
        PartnerCenterSandbox sandbox = resources.closeAfter(sandboxes.get());
        Object test = context.getRequiredTestInstance();
        List<Field> singles = new ArrayList<>();
        for (Field field : fieldsOf(test.getClass())) {
            if (field.isAnnotationPresent(Customer.class)) {
                singles.add(field);
            } else if (field.isAnnotationPresent(Customers.class)) {
                set(test, field, List.class, sandbox.addCustomers(field.getAnnotation(Customers.class).value()));
            } else if (field.isAnnotationPresent(Root.class)) {
                set(test, field, Path.class, resources.root());
            } else if (field.getType() == SyncFolders.class) {
                set(test, field, SyncFolders.class, SyncFolders.under(resources.root()));
            } else if (field.getType() == PartnerCenterSandbox.class) {
                set(test, field, PartnerCenterSandbox.class, sandbox);
            } else {
                Object provided = provide(field.getType(), resources, sandbox);
                if (provided != null) {
                    set(test, field, field.getType(), provided);
                }
            }
        }
        List<String> customers = sandbox.addCustomers(singles.size());
        for (int i = 0; i < singles.size(); i++) {
            set(test, singles.get(i), String.class, customers.get(i));
        }
    }

    /**
     * A value for a field of this type built on the test's folder and sandbox, or null for none: what an extension
     * built on this one adds. Whatever must be closed after the test goes to {@link TestResources#closeAfter}.
     */
    protected Object provide(Class<?> type, TestResources resources, PartnerCenterSandbox sandbox) {
        return null;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        TestResources resources = context.getStore(NAMESPACE).remove(TestResources.class, TestResources.class);
        if (resources != null) {
            resources.close();
        }
    }

    /** The fields of the class and its superclasses, the superclasses' first, each in the order declared. */
    private static List<Field> fieldsOf(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        if (type.getSuperclass() != null) {
            fields.addAll(fieldsOf(type.getSuperclass()));
        }
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static void set(Object test, Field field, Class<?> type, Object value) throws IllegalAccessException {
        if (field.getType() != type || Modifier.isFinal(field.getModifiers())) {
            throw new ExtensionConfigurationException(field + ": a field this extension fills must be a non-final " + type.getSimpleName());
        }
        field.setAccessible(true);
        field.set(test, value);
    }
}
