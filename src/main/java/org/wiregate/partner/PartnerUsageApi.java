package org.wiregate.partner;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wiregate.web.OperatorAuth;

/**
 * Usage per UTC day, including counts not yet flushed to the database:
 * <ul>
 *   <li>{@code GET /api/partner/usage?from=&to=}: the calling partner's own (its key decides whose);</li>
 *   <li>{@code GET /ops/partners/{id}/usage?from=&to=}: any partner's, for operators only. It needs
 *   the operator token even though it only reads (usage is contract business, not a public page),
 *   and a partner key there is 403.</li>
 * </ul>
 * {@code from} and {@code to} are {@code YYYY-MM-DD} UTC days, inclusive; by default the last 30
 * days up to today. Days without usage are left out.
 */
@RestController
class PartnerUsageApi {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    /** The answer: days oldest first and their sum. */
    record Report(
            String partner, LocalDate from, LocalDate to, String timezone, List<PartnerUsage.Day> days, Totals total) {}

    record Totals(long requests, long items, long bytes, long limited) {}

    private final PartnerUsage usage;
    private final PartnerRepository partners;
    private final OperatorAuth operators;

    PartnerUsageApi(PartnerUsage usage, PartnerRepository partners, OperatorAuth operators) {
        this.usage = usage;
        this.partners = partners;
        this.operators = operators;
    }

    @GetMapping("/api/partner/usage")
    ResponseEntity<Report> own(
            @RequestAttribute(PartnerAccess.ATTRIBUTE) PartnerAccess access,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(report(access.partnerId(), from, to));
    }

    @GetMapping("/ops/partners/{id}/usage")
    ResponseEntity<Report> ofPartner(
            @PathVariable String id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletRequest request) {
        String presented = PartnerAuthFilter.presentedKey(request);
        if (presented != null && looksLikePartnerCredential(presented)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "partner keys cannot use operator endpoints");
        }
        operators.require(request.getHeader("Authorization"), true);
        if (partners.find(id).isEmpty()) {
            throw new Problems.ProblemException(HttpStatus.NOT_FOUND, "not-found", "No such partner.");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(report(id, from, to));
    }

    private Report report(String partnerId, String fromParam, String toParam) {
        LocalDate to = toParam == null ? usage.today() : day("to", toParam);
        LocalDate from = fromParam == null ? to.minusDays(DEFAULT_DAYS - 1) : day("from", fromParam);
        if (from.isAfter(to)) {
            throw Problems.badRequest("bad-parameter", "from must not be after to.");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw Problems.badRequest("bad-parameter", "Ask for at most " + MAX_DAYS + " days at a time.");
        }
        List<PartnerUsage.Day> days = usage.between(partnerId, from, to);
        Totals total = new Totals(
                days.stream().mapToLong(PartnerUsage.Day::requests).sum(),
                days.stream().mapToLong(PartnerUsage.Day::items).sum(),
                days.stream().mapToLong(PartnerUsage.Day::bytes).sum(),
                days.stream().mapToLong(PartnerUsage.Day::limited).sum());
        return new Report(partnerId, from, to, "UTC", days, total);
    }

    private static LocalDate day(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Problems.badRequest("bad-parameter", name + " must be a UTC day as YYYY-MM-DD, e.g. 2026-11-20.");
        }
    }

    /** Either of our token shapes, valid or not: whoever sends one is a partner, not an operator. */
    private static boolean looksLikePartnerCredential(String presented) {
        return presented.startsWith(SecretTokens.KEY_PREFIX + "_")
                || presented.startsWith(SecretTokens.FEED_TOKEN_PREFIX + "_");
    }
}
