package org.wiregate.routes;

import java.time.Clock;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.stereotype.Controller;
import org.wiregate.edition.EditionService;
import org.wiregate.ingest.PayloadCapture;
import org.wiregate.leadership.Leadership;
import org.wiregate.normalise.ArticleNormaliser;
import org.wiregate.source.MappingRegistry;
import org.wiregate.store.ArticleStore;

/**
 * The Spring context a route test boots: every bean routes/*.yaml calls, and no web layer.
 *
 * <p>Why not {@code WiregateApplication} with {@code WebEnvironment.NONE}: its component scan finds
 * {@code web.SecurityConfig}, whose {@code SecurityFilterChain} bean asks for Spring Security's
 * {@code HttpSecurity}; Boot provides that only to servlet web applications, so the context fails to
 * start ("No qualifying bean of type HttpSecurity"). {@code PartnerCommand} meets the same issue and
 * brings its own {@code @EnableWebSecurity}; a route test should not need security at all.
 *
 * <p>Instead this scans the packages whose beans the routes call ({@code payloadCapture},
 * {@code wireParsers}, {@code quarantine}, {@code ingestMetrics}, {@code httpPoller},
 * {@code articleNormaliser}, {@code articleStore}, {@code editionLinking}, and {@code SourceRoutes},
 * which instantiates the ingest templates): {@code edition} and the packages below it in the layer
 * order of docs/architecture.md ({@code normalise}, {@code ingest}, {@code store}, {@code source}).
 * Their {@code @Controller}s are left out: they serve HTTP, no route calls them, and they are the only
 * users of the {@code web} package. {@code publish}, {@code websub}, {@code partner} and {@code ops}
 * sit above the pipeline and are not needed. No {@code @EnableScheduling}: nothing a route does
 * waits for a scheduled job.
 *
 * <p>{@code @TestComponent}: the application's own component scan (in the tests that boot all of
 * WiregateApplication) leaves this class alone. Not a {@code @TestConfiguration}: given only such
 * classes, {@code @SpringBootTest} adds the {@code @SpringBootConfiguration} it finds upwards
 * (WiregateApplication) to the context. Not a {@code @SpringBootConfiguration} either: a second one
 * under org.wiregate would make that upward search ambiguous for every other test.
 */
@Configuration(proxyBeanMethods = false)
@TestComponent
@EnableAutoConfiguration
@ConfigurationPropertiesScan(basePackageClasses = {EditionService.class, Leadership.class})
@ComponentScan(
        basePackageClasses = {
            EditionService.class,
            ArticleNormaliser.class,
            PayloadCapture.class,
            ArticleStore.class,
            MappingRegistry.class,
            Leadership.class
        },
        excludeFilters = {
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = Controller.class)
        })
public class RouteTestContext {

    /** As WiregateApplication provides it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
