package dev.orderhub.provider;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * A provider lives in its own package: the rest of the hub reaches it only through the registry
 * ({@link Providers}) and the capabilities a {@link PaymentProvider} offers, never by naming a
 * provider's classes. Local mode's signers (another module) are the other deliberate exception.
 */
class ProviderBoundaryTest {
    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Other modules' tests reach this classpath packaged (orderhub-<module>-tests.jar), where the option
            // above does not see them as tests: a test may construct a concrete provider.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.orderhub");

    @Test
    void onlyTheRegistryNamesAConcreteProvider() {
        noClasses().that().resideOutsideOfPackages("dev.orderhub.provider.kofi..", "dev.orderhub.provider.bmc..",
                        "dev.orderhub.provider.xsolla..", "dev.orderhub.provider.stripe..", "dev.orderhub.provider.shopify..")
                .and().doNotHaveFullyQualifiedName(Providers.class.getName())
                .should().dependOnClassesThat().resideInAnyPackage("dev.orderhub.provider.kofi..",
                        "dev.orderhub.provider.bmc..", "dev.orderhub.provider.xsolla..", "dev.orderhub.provider.stripe..",
                        "dev.orderhub.provider.shopify..")
                .because("a provider is added by one package and one registry line; nothing else may name it")
                .check(HUB);
    }
}
