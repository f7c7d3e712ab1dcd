package org.wiregate.partner;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@code java -jar wiregate.jar partners <command>}: which commands exist, what
 * each takes, and the help that says so. A command line that does not fit is refused here, before
 * {@link PartnerCommand} starts anything.
 */
final class PartnerCommandLine {

    static final String HELP = """
            usage: java -jar wiregate.jar partners <command> [--spring.property=value ...]
              create --id ID --name NAME [--entitlements JSON] [--rate N] [--burst N]
                                       a partner and its first key (rate 600/minute, burst 60 by default)
              list                     every partner
              show ID                  a partner's contract, keys and feed tokens (never secrets)
              key ID                   a new key for partner ID
              rotate KEYID [--overlap PT24H]
                                       a new key; the old one works for the overlap, then expires
              revoke KEYID             the key gets 401 within seconds
              disable ID | enable ID   switch a partner off (every credential gets 401) or on again
              feed-token ID PATH       a token for one feed URL, e.g. /partner/feeds/en.rss
            The database and other settings are the gateway's (application.yaml, environment variables,
            or --spring.datasource.url=... on this command line). With the embedded H2 database, stop
            the gateway first: the database file is open in one process at a time.
            Exit status: 0 done, 1 failed, 2 usage error.""";

    /** What each command takes: positional arguments and options. */
    private record Syntax(int positional, Set<String> options, Set<String> required) {}

    private static final Map<String, Syntax> COMMANDS = Map.of(
            "create", new Syntax(0, Set.of("id", "name", "entitlements", "rate", "burst"), Set.of("id", "name")),
            "list", new Syntax(0, Set.of(), Set.of()),
            "show", new Syntax(1, Set.of(), Set.of()),
            "key", new Syntax(1, Set.of(), Set.of()),
            "rotate", new Syntax(1, Set.of("overlap"), Set.of()),
            "revoke", new Syntax(1, Set.of(), Set.of()),
            "disable", new Syntax(1, Set.of(), Set.of()),
            "enable", new Syntax(1, Set.of(), Set.of()),
            "feed-token", new Syntax(2, Set.of(), Set.of()));

    /** A parsed command line; settings are Spring properties passed through to the application. */
    record Invocation(
            String command, List<String> arguments, Map<String, String> options, Map<String, String> settings) {}

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private PartnerCommandLine() {}

    static Invocation parse(String[] args) throws UsageException {
        String command = args[0];
        Syntax syntax = COMMANDS.get(command);
        if (syntax == null) {
            throw new UsageException("unknown command '" + command + "'");
        }
        List<String> arguments = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                arguments.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = arg.substring(2, equals < 0 ? arg.length() : equals);
            if (name.contains(".")) { // --spring.datasource.url=... and the like go to the application
                if (equals < 0) {
                    throw new UsageException("setting " + arg + " needs a value (--name=value)");
                }
                settings.put(name, arg.substring(equals + 1));
                continue;
            }
            if (!syntax.options().contains(name)) {
                throw new UsageException(command + " takes no option --" + name);
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
            options.put(name, value);
        }
        if (arguments.size() != syntax.positional()) {
            throw new UsageException(
                    command + " takes " + syntax.positional() + " argument(s), got " + arguments.size());
        }
        for (String required : syntax.required()) {
            if (!options.containsKey(required)) {
                throw new UsageException(command + " needs --" + required);
            }
        }
        for (String number : List.of("rate", "burst")) {
            if (options.containsKey(number) && !options.get(number).matches("[0-9]{1,9}")) {
                throw new UsageException("--" + number + " '" + options.get(number) + "' must be a whole number");
            }
        }
        if (options.containsKey("overlap")) {
            try {
                Duration.parse(options.get("overlap"));
            } catch (DateTimeParseException e) {
                throw new UsageException(
                        "--overlap '" + options.get("overlap") + "' is not an ISO-8601 duration such as PT24H");
            }
        }
        return new Invocation(command, List.copyOf(arguments), options, settings);
    }
}
