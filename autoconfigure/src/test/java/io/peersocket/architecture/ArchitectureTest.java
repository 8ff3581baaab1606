package io.peersocket.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of docs/architecture.md, checked on the library's classes: API
 * packages (what applications use) and the SPI (what integrations implement) never reach
 * into {@code io.peersocket.internal}, the client included (its machinery lives in
 * {@code internal.client}); no two packages import each other, even through others; the
 * core is transport-free; the client never imports the server; nothing but the
 * auto-configuration imports the auto-configuration.
 */
class ArchitectureTest {

    /** What applications use. */
    static final String[] API = { "io.peersocket.peer..", "io.peersocket.annotation..", "io.peersocket.server..",
            "io.peersocket.client..", "io.peersocket.multiplayer..", "io.peersocket.variant..",
            "io.peersocket.observation..", "io.peersocket.logging.." };

    static final String SPI = "io.peersocket.spi..";

    static final String[] API_AND_SPI = Stream.concat(Stream.of(API), Stream.of(SPI)).toArray(String[]::new);

    static final String INTERNAL = "io.peersocket.internal..";

    static final JavaClasses LIBRARY = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.peersocket");

    @Test
    void apiUsesNoInternals() {
        noClasses().that()
            .resideInAnyPackage(API)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(INTERNAL)
            .because("applications must be able to use every API type without an internal one")
            .check(LIBRARY);
    }

    @Test
    void theClientMachineryReachesNoFurtherThanTheCoreAndTheSharedTransport() {
        // The client runs the core with the server as peer 1 and the shared reactive
        // transport.
        classes().that()
            .resideInAPackage("io.peersocket.internal.client..")
            .should()
            .onlyDependOnClassesThat(
                    not(resideInAnyPackage(INTERNAL)).or(resideInAnyPackage("io.peersocket.internal.client..",
                            "io.peersocket.internal.core..", "io.peersocket.internal.transport.reactive..")))
            .check(LIBRARY);
    }

    @Test
    void noPublicApiOrSpiMemberShowsAnInternalType() {
        // What an application could otherwise be made to name: an internal type.
        codeUnits().that()
            .arePublic()
            .and()
            .areDeclaredInClassesThat()
            .arePublic()
            .and()
            .areDeclaredInClassesThat()
            .resideInAnyPackage(API_AND_SPI)
            .should(new ArchCondition<JavaCodeUnit>("show no internal type in their signature") {
                @Override
                public void check(JavaCodeUnit member, ConditionEvents events) {
                    List<JavaClass> shown = new ArrayList<>(member.getRawParameterTypes());
                    shown.add(member.getRawReturnType());
                    for (JavaClass type : shown) {
                        if (type.getPackageName().startsWith("io.peersocket.internal")) {
                            events.add(SimpleConditionEvent.violated(member,
                                    member.getFullName() + " shows " + type.getName()));
                        }
                    }
                }
            })
            .check(LIBRARY);
    }

    @Test
    void spiUsesNeitherInternalsNorTheAutoConfiguration() {
        noClasses().that()
            .resideInAPackage(SPI)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(INTERNAL, "io.peersocket.autoconfigure..")
            .check(LIBRARY);
    }

    @Test
    void apiAndSpiUseNoAutoConfigurationNorActuator() {
        noClasses().that()
            .resideInAnyPackage(API)
            .or()
            .resideInAPackage(SPI)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.peersocket.autoconfigure..", "io.peersocket.actuate..")
            .check(LIBRARY);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.peersocket.(**)").should().beFreeOfCycles().check(LIBRARY);
    }

    @Test
    void coreIsTransportFree() {
        noClasses().that()
            .resideInAPackage("io.peersocket.internal.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.servlet..", "jakarta.websocket..", "reactor..", "io.netty..",
                    "org.springframework.web..", "org.springframework.http..", "org.apache.tomcat..",
                    "org.eclipse.jetty..", "io.micrometer..")
            .check(LIBRARY);
    }

    @Test
    void clientDoesNotUseTheServer() {
        noClasses().that()
            .resideInAnyPackage("io.peersocket.client..", "io.peersocket.internal.client..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.peersocket.server..", "io.peersocket.internal.server..")
            .check(LIBRARY);
    }

    @Test
    void sharedTransportUsesNeitherServerNorClient() {
        noClasses().that()
            .resideInAPackage("io.peersocket.internal.transport..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.peersocket.client..", "io.peersocket.internal.client..",
                    "io.peersocket.internal.server..", "io.peersocket.server..")
            .check(LIBRARY);
    }

    @Test
    void onlyTheAutoConfigurationUsesTheAutoConfiguration() {
        noClasses().that()
            .resideOutsideOfPackage("io.peersocket.autoconfigure..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.peersocket.autoconfigure..")
            .check(LIBRARY);
    }

}
