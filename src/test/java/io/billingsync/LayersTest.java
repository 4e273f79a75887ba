package io.billingsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

/**
 * The packages of the main code against the layer order docs/DESIGN.md gives: every class uses only its own package
 * and the layers below it (read from the compiled classes, so a fully qualified name counts as much as an import).
 */
class LayersTest {
    private static final String ROOT = "io.billingsync.";
    private static final String SANDBOX = "sandbox";
    private static final String WIRING = "service";
    private static final Pattern PACKAGE = Pattern.compile("`([a-z]+)/`");
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.billingsync");

    @Test
    void everyClassUsesOnlyItsOwnPackageAndTheLayersBelow() throws IOException {
        Map<String, Integer> layer = layersOfTheDesignPage();
        TreeSet<String> upward = new TreeSet<>();
        for (JavaClass from : MAIN) {
            String own = packageOf(from);
            for (Dependency dependency : from.getDirectDependenciesFromSelf()) {
                String used = packageOf(dependency.getTargetClass().getBaseComponentType());
                if (used == null || used.equals(own) || !used.equals(SANDBOX) && !layer.containsKey(used)
                        || !own.equals(SANDBOX) && !layer.containsKey(own)) {
                    continue; // a package missing from the order: theDesignPageNamesEveryPackage names it
                }
                boolean allowed = used.equals(SANDBOX) ? own.equals("cli")
                        : !own.equals(SANDBOX) && layer.get(used) > layer.get(own);
                if (!allowed) {
                    upward.add(name(from) + " -> " + name(dependency.getTargetClass().getBaseComponentType()));
                }
            }
        }
        assertThat(upward).as("classes that use a package above their own (docs/DESIGN.md#layers)").isEmpty();
    }

    @Test
    void theDesignPageNamesEveryPackage() throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        MAIN.forEach(c -> packages.add(packageOf(c)));
        packages.remove(SANDBOX);
        assertThat(layersOfTheDesignPage().keySet()).as("the layer order of docs/DESIGN.md").containsExactlyInAnyOrderElementsOf(packages);
    }

    @Test
    void onlyTheWiringBindsBeansAndNoStaticMethodReachesIntoTheCamelContext() {
        TreeSet<String> found = new TreeSet<>();
        for (JavaClass c : MAIN) {
            if (packageOf(c).equals(WIRING)) {
                continue;
            }
            for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                if (call.getTargetOwner().isAssignableTo(Registry.class) && call.getName().startsWith("bind")) {
                    found.add(name(c) + " binds beans in Camel's registry");
                }
            }
            for (JavaMethod method : c.getMethods()) {
                if (method.getModifiers().contains(JavaModifier.STATIC)
                        && method.getRawParameterTypes().stream().anyMatch(t -> t.isAssignableTo(CamelContext.class))) {
                    found.add(method.getFullName() + " is a static method taking the CamelContext");
                }
            }
        }
        assertThat(found).as("beans are built and bound by service/ and passed in (docs/DESIGN.md#layers)").isEmpty();
    }

    /** Per package, its layer's place from the top: the order is the line of docs/DESIGN.md made of packages and arrows. */
    private static Map<String, Integer> layersOfTheDesignPage() throws IOException {
        for (String line : Files.readAllLines(Path.of("docs", "DESIGN.md"), StandardCharsets.UTF_8)) {
            if (!line.startsWith("`") || !line.contains("→")) {
                continue;
            }
            Map<String, Integer> layer = new HashMap<>();
            String[] layers = line.split("→");
            for (int i = 0; i < layers.length; i++) {
                Matcher m = PACKAGE.matcher(layers[i]);
                while (m.find()) {
                    layer.put(m.group(1), i);
                }
            }
            return layer;
        }
        throw new AssertionError("docs/DESIGN.md has no line giving the layer order (`cli/` → `service/` → ...)");
    }

    private static String packageOf(JavaClass c) {
        String name = c.getName();
        if (!name.startsWith(ROOT)) {
            return null;
        }
        String rest = name.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? "" : rest.substring(0, dot);
    }

    private static String name(JavaClass c) {
        String name = c.getName().substring(ROOT.length());
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }
}
