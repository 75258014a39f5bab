package dev.syndicast;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the code, checked on the compiled classes of the EJB module, the batch jobs and the web module (the web
 * module's test classpath holds all three): capabilities ({@code dev.syndicast.<capability>}) depend downward only,
 * in the order {@link #LAYERS} declares; no two capabilities depend on each other; within a capability an entity
 * knows no control or boundary class and a control class no boundary class; and no REST resource drives a batch
 * artifact. A capability that needs one above it declares an interface for what it announces, and the upper one
 * implements it (posts' {@code TargetPublishing}, the job ports of posts, media and publishing).
 *
 * <p>The check reads bytecode, so it sees every use of a class (imports, fully qualified names, annotations) but a
 * constant the compiler copied into the caller ({@code static final} strings and numbers), which leaves no trace.
 */
@AnalyzeClasses(packages = StructureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class StructureTest {

    static final String ROOT = "dev.syndicast";

    /**
     * Every capability, bottom to top: each may use those before it and none after it. Derived from what the code
     * needs: tenancy's route annotations and callers are used by every REST package; system's health and self-test
     * sit on the task machinery (scheduling) and are shown by rendering; planning places targets under the
     * workspace's settings (tenancy) and the platforms' daily caps, for the scheduling routes above it; batch runs the
     * jobs whose item work posts, media and publishing do; accounts guards federated servers with media's URL guard;
     * analytics answers best times from the workspace's settings and the planner's defaults (and will read published
     * posts); publishing acts on posts' targets with accounts' credentials and media's files, planning with analytics'
     * best times; campaigns roll up and schedule posts with smart scheduling's ground (posts ask them through
     * {@code CampaignLinks}).
     */
    static final List<String> LAYERS = List.of("core", "tenancy", "scheduling", "system", "platforms", "planning", "engagement",
            "batch", "media", "accounts", "rendering", "posts", "analytics", "publishing", "campaigns");

    /** Packages under the root that are programs of their own, not capabilities of the application. */
    static final Set<String> OUTSIDE = Set.of("sandbox", "cli");

    /** The packages of the batch-jobs module: its artifacts ({@code <capability>.batch}) and what they share. */
    private static final String[] BATCH_ARTIFACTS = {ROOT + ".*.batch..", ROOT + ".batch"};

    @ArchTest
    static final ArchRule capabilitiesDependDownwardOnly = downwardOnly();

    @ArchTest
    static final ArchRule capabilitiesHaveNoCycles = slices().matching(ROOT + ".(*)..").namingSlices("$1")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule entitiesAndControlsDoNotCallUpWithinTheirCapability = rolesDownwardOnly();

    @ArchTest
    static final ArchRule restResourcesDoNotDriveBatchArtifacts = noClasses()
            .that().resideInAPackage(ROOT + ".*.rest..")
            .should().dependOnClassesThat().resideInAnyPackage(BATCH_ARTIFACTS)
            .because("a resource converts input and calls one boundary method; what a batch artifact does for rows "
                    + "belongs in a control class both can call");

    @ArchTest
    static void everyCapabilityHasItsPlaceInTheOrder(JavaClasses classes) {
        Set<String> undeclared = new TreeSet<>();
        for (JavaClass type : classes) {
            String capability = capabilityOf(type);
            if (capability != null && !LAYERS.contains(capability) && !OUTSIDE.contains(capability)) {
                undeclared.add(capability);
            }
        }
        assertThat(undeclared).as("capabilities missing from StructureTest.LAYERS (add each where what it uses is below it)")
                .isEmpty();
    }

    private static ArchRule downwardOnly() {
        List<ArchRule> rules = new ArrayList<>();
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String capability = LAYERS.get(i);
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).stream().map(c -> ROOT + "." + c + "..").toArray(String[]::new);
            rules.add(noClasses().that().resideInAPackage(ROOT + "." + capability + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above)
                    .because(capability + " sits below " + String.join(", ", LAYERS.subList(i + 1, LAYERS.size()))
                            + " (StructureTest.LAYERS); declare an interface here and implement it above")
                    .allowEmptyShould(true));
        }
        return CompositeArchRule.of(rules).as("capabilities depend only on those below them in StructureTest.LAYERS");
    }

    private static ArchRule rolesDownwardOnly() {
        List<ArchRule> rules = new ArrayList<>();
        for (String capability : LAYERS) {
            String base = ROOT + "." + capability;
            rules.add(noClasses().that().resideInAPackage(base + ".entity..")
                    .should().dependOnClassesThat().resideInAnyPackage(base + ".control..", base + ".boundary..")
                    .because("an entity guards its own state and knows nothing of the classes that use it")
                    .allowEmptyShould(true));
            rules.add(noClasses().that().resideInAPackage(base + ".control..")
                    .should().dependOnClassesThat().resideInAPackage(base + ".boundary..")
                    .because("the boundary calls control classes, not the other way round")
                    .allowEmptyShould(true));
        }
        return CompositeArchRule.of(rules).as("within a capability, entities use no control or boundary class and control"
                + " classes no boundary class");
    }

    /** The capability a class belongs to, or null for the root package. */
    private static String capabilityOf(JavaClass type) {
        String pkg = type.getPackageName();
        if (!pkg.startsWith(ROOT + ".")) {
            return null;
        }
        return pkg.substring(ROOT.length() + 1).split("\\.")[0];
    }
}
