package org.wiregate.partner;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.wiregate.publish.PublicUrls;

/**
 * {@code java -jar wiregate.jar partners <command>}: partner administration from a shell, against
 * the database the gateway is configured with (Flyway migrates it first). It starts the
 * application without a web server, without starting Camel routes and without the demo copy, does
 * one thing through {@link PartnerAdmin} (audited as {@code cli:<OS user>}) and stops.
 *
 * <p>The Spring Boot application class is handed in rather than named here, so this package does
 * not depend on the root package that dispatches to it.
 */
public final class PartnerCommand {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private static final String STORE_WARNING =
            "WARNING: store this secret now. It is shown once; only its hash is kept" + " and it cannot be recovered.";

    /** Settings a command always runs with, whatever the configuration says: no server, no routes, no demo copy. */
    private static final Map<String, String> FIXED = Map.of(
            "spring.main.web-application-type", "none",
            "camel.main.auto-startup", "false",
            // the supervising route controller starts routes whatever auto-startup says
            "camel.routecontroller.enabled", "false",
            "gateway.demo.enabled", "false",
            "spring.main.banner-mode", "off",
            "spring.main.log-startup-info", "false");

    private final Class<?> application;

    /** @param application the Spring Boot application class whose configuration the command runs with */
    public PartnerCommand(Class<?> application) {
        this.application = application;
    }

    /** Runs one command: {@code args} are what follows {@code partners}. Returns the exit status. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || Set.of("help", "-h", "--help").contains(args[0])) {
            (args.length == 0 ? err : out).println(PartnerCommandLine.HELP);
            return args.length == 0 ? USAGE : OK;
        }
        PartnerCommandLine.Invocation invocation;
        try {
            invocation = PartnerCommandLine.parse(args);
        } catch (PartnerCommandLine.UsageException e) {
            err.println("partners: " + e.getMessage());
            err.println(PartnerCommandLine.HELP);
            return USAGE;
        }
        try (ConfigurableApplicationContext context = start(invocation.settings())) {
            execute(invocation, context.getBean(PartnerAdmin.class), context.getBean(PublicUrls.class), out);
            return OK;
        } catch (IllegalArgumentException | IllegalStateException | NoSuchElementException e) {
            err.println("partners " + invocation.command() + ": " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            // e.g. the database cannot be reached; Spring has logged the details
            err.println("partners " + invocation.command() + " failed: " + e);
            return FAILED;
        }
    }

    private ConfigurableApplicationContext start(Map<String, String> settings) {
        // Passed as command-line arguments, which outrank application.yaml (default properties would not)
        Map<String, String> effective = new LinkedHashMap<>();
        effective.put("logging.level.root", "WARN");
        effective.put("logging.level.org.wiregate", "WARN");
        effective.put("logging.level.org.wiregate.web.SecurityConfig", "ERROR"); // the ops page login: no page here
        effective.put(
                "logging.level.org.apache.camel.spring.boot.SpringBootCamelContext",
                "ERROR"); // "ran under a second": meant to
        effective.putAll(settings);
        effective.putAll(FIXED);
        String[] args = effective.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(application, SecurityWithoutServer.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(args);
    }

    /**
     * The gateway's security configuration asks for Spring Security's HttpSecurity, which Boot
     * provides only to web applications; the command has no server, so it brings it itself. Not a
     * component (the scan would add it to the web application too): it is a source of the command only.
     */
    @EnableWebSecurity
    static final class SecurityWithoutServer {}

    private static void execute(
            PartnerCommandLine.Invocation invocation, PartnerAdmin admin, PublicUrls urls, PrintStream out) {
        String actor = actor();
        List<String> arguments = invocation.arguments();
        Map<String, String> options = invocation.options();
        switch (invocation.command()) {
            case "create" -> {
                Entitlements entitlements =
                        options.containsKey("entitlements") ? EntitlementsJson.read(options.get("entitlements")) : null;
                PartnerAdmin.Created created = admin.create(
                        options.get("id"),
                        new PartnerAdmin.Contract(
                                options.get("name"),
                                entitlements,
                                integer(options.get("rate")),
                                integer(options.get("burst"))),
                        actor);
                Partner partner = created.partner();
                out.println("Created partner " + partner.id() + " (" + partner.name() + "): " + partner.ratePerMinute()
                        + " requests/minute, burst " + partner.burst());
                out.println("Entitlements: " + EntitlementsJson.write(partner.entitlements()));
                printSecret("Key for " + partner.id(), created.key(), out);
            }
            case "list" -> {
                List<Partner> partners = admin.list();
                if (partners.isEmpty()) {
                    out.println("No partners.");
                }
                for (Partner p : partners) {
                    out.printf(
                            "%-24s %-8s %6d/min burst %-6d %s%n",
                            p.id(), p.isActive() ? "active" : "disabled", p.ratePerMinute(), p.burst(), p.name());
                }
            }
            case "show" -> show(admin.show(arguments.get(0)), out);
            case "key" -> printSecret("Key for " + arguments.get(0), admin.issueKey(arguments.get(0), actor), out);
            case "rotate" -> {
                String keyId = arguments.get(0);
                String partnerId = admin.ownerOfKey(keyId);
                Duration overlap = Duration.parse(options.getOrDefault("overlap", "PT24H"));
                PartnerKeys.NewSecret key = admin.rotateKey(partnerId, keyId, overlap, actor);
                printSecret("New key for " + partnerId, key, out);
                admin.show(partnerId).keys().stream()
                        .filter(k -> k.keyId().equals(keyId))
                        .findFirst()
                        .ifPresent(
                                old -> out.println("The old key " + keyId + " works until " + old.expiresAt() + "."));
            }
            case "revoke" -> {
                String keyId = arguments.get(0);
                String partnerId = admin.ownerOfKey(keyId);
                boolean revoked = admin.revokeKey(partnerId, keyId, actor);
                out.println(
                        revoked
                                ? "Revoked key " + keyId + " of partner " + partnerId
                                        + "; it gets 401 within seconds on every instance."
                                : "Key " + keyId + " of partner " + partnerId + " was already revoked.");
            }
            case "disable" -> {
                Partner partner = admin.disable(arguments.get(0), actor);
                out.println("Partner " + partner.id() + " is disabled since " + partner.disabledAt()
                        + ": its keys and feed tokens get 401.");
            }
            case "enable" ->
                out.println("Partner " + admin.enable(arguments.get(0), actor).id() + " is enabled.");
            case "feed-token" -> {
                String path = arguments.get(1);
                PartnerKeys.NewSecret token = admin.issueFeedToken(arguments.get(0), path, actor);
                printSecret("Feed token for " + path, token, out);
                out.println("Feed URL: " + urls.base() + path + "?token=" + token.token());
            }
            default ->
                throw new IllegalStateException(
                        "no such command " + invocation.command()); // PartnerCommandLine.parse refused it
        }
    }

    private static void show(PartnerAdmin.Details details, PrintStream out) {
        Partner p = details.partner();
        out.println("Partner " + p.id() + " (" + p.name() + "), "
                + (p.isActive() ? "active" : "disabled since " + p.disabledAt()) + ", created " + p.createdAt());
        out.println("Rate: " + p.ratePerMinute() + " requests/minute, burst " + p.burst());
        out.println("Entitlements: " + EntitlementsJson.write(p.entitlements()));
        out.println("Keys:");
        for (PartnerRepository.KeyRow k : details.keys()) {
            out.println("  " + k.keyId() + "  created " + k.createdAt() + "  expires " + orDash(k.expiresAt())
                    + "  revoked " + orDash(k.revokedAt()) + "  last used " + orDash(k.lastUsedAt()));
        }
        out.println("Feed tokens:");
        for (PartnerRepository.FeedTokenRow t : details.feedTokens()) {
            out.println("  " + t.tokenId() + "  " + t.feedPath() + "  created " + t.createdAt() + "  revoked "
                    + orDash(t.revokedAt()));
        }
    }

    private static void printSecret(String what, PartnerKeys.NewSecret secret, PrintStream out) {
        out.println(what + " (id " + secret.id() + "):");
        out.println();
        out.println("    " + secret.token());
        out.println();
        out.println(STORE_WARNING);
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    private static Integer integer(String value) {
        return value == null ? null : Integer.valueOf(value);
    }

    /** Who is recorded in the audit: the OS account that ran the command. */
    static String actor() {
        String user = System.getProperty("user.name", "unknown");
        String actor = "cli:" + (user.isBlank() ? "unknown" : user);
        return actor.length() > 128 ? actor.substring(0, 128) : actor;
    }
}
