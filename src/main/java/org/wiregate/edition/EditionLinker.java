package org.wiregate.edition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wiregate.article.Language;

/**
 * Decides, for an article that arrives without an explicit edition group, which stored articles in
 * the other languages are its editions. Per language it takes the best-scoring candidate: at or
 * above {@code linkAt}, and clearly ahead of the runner-up, it links; from {@code suggestAt} it
 * only suggests, for an operator to confirm. A group holds at most one edition per language, and
 * pairs an operator kept apart are never proposed again.
 */
final class EditionLinker {

    /**
     * @param window    how far apart in time two editions may be published
     * @param linkAt    score from which a match links by itself
     * @param suggestAt score from which a match is offered to an operator
     * @param margin    how far the best candidate of a language must lead the second to link
     */
    record Thresholds(Duration window, double linkAt, double suggestAt, double margin) {

        static Thresholds defaults() {
            return new Thresholds(Duration.ofHours(24), 1.0, 0.6, 0.2);
        }
    }

    /** A proposed pair: linked, or suggested to an operator. */
    record Match(String candidateId, Language language, double score, boolean linked) {}

    /** The groups an arrival joins or forms, and what goes to operators. */
    record Plan(Map<String, String> groupOf, List<Match> matches) {}

    private final EditionMatcher matcher;
    private final Thresholds thresholds;

    EditionLinker(EditionMatcher matcher, Thresholds thresholds) {
        this.matcher = matcher;
        this.thresholds = thresholds;
    }

    /**
     * @param groups       current group of each candidate (absent: in no group yet)
     * @param groupMembers languages present in each group
     * @param keptApart    "a|b" keys of pairs an operator unlinked or rejected
     */
    Plan link(
            EditionEvidence arrival,
            Collection<EditionEvidence> candidates,
            Map<String, String> groups,
            Map<String, Set<Language>> groupMembers,
            Set<String> keptApart) {
        List<EditionEvidence> pool = new ArrayList<>(candidates);
        pool.add(arrival);
        Map<String, Integer> df = EditionMatcher.documentFrequency(pool);

        Map<Language, List<Match>> byLanguage = new EnumMap<>(Language.class);
        for (EditionEvidence candidate : candidates) {
            if (candidate.language() == arrival.language()
                    || !EditionMatcher.withinWindow(arrival, candidate, thresholds.window())
                    || keptApart.contains(pairKey(arrival.articleId(), candidate.articleId()))) {
                continue;
            }
            String group = groups.get(candidate.articleId());
            if (group != null && groupMembers.getOrDefault(group, Set.of()).contains(arrival.language())) {
                continue; // that story already has its edition in this language
            }
            double score = matcher.score(arrival, candidate, df);
            if (score >= thresholds.suggestAt()) {
                byLanguage
                        .computeIfAbsent(candidate.language(), l -> new ArrayList<>())
                        .add(new Match(candidate.articleId(), candidate.language(), score, false));
            }
        }

        List<Match> best = new ArrayList<>();
        for (List<Match> matches : byLanguage.values()) {
            matches.sort(Comparator.comparingDouble(Match::score).reversed());
            Match top = matches.get(0);
            double runnerUp = matches.size() > 1 ? matches.get(1).score() : 0;
            boolean clear = top.score() >= thresholds.linkAt() && top.score() - runnerUp >= thresholds.margin();
            best.add(new Match(top.candidateId(), top.language(), top.score(), clear));
        }
        best.sort(Comparator.comparingDouble(Match::score).reversed());

        Map<String, String> assigned = new HashMap<>();
        String arrivalGroup = null;
        Set<Language> present = EnumSet.of(arrival.language());
        List<Match> outcome = new ArrayList<>();
        for (Match match : best) {
            String candidateGroup = groups.get(match.candidateId());
            boolean link = match.linked();
            if (link && arrivalGroup != null) {
                // Already in a group: a further edition must be free and in a language the group lacks.
                link = candidateGroup == null
                        ? !present.contains(match.language())
                        : candidateGroup.equals(arrivalGroup);
            }
            if (link) {
                if (arrivalGroup == null) {
                    arrivalGroup = candidateGroup != null ? candidateGroup : "auto-" + match.candidateId();
                    assigned.put(arrival.articleId(), arrivalGroup);
                    present.addAll(groupMembers.getOrDefault(arrivalGroup, Set.of()));
                }
                if (candidateGroup == null) {
                    assigned.put(match.candidateId(), arrivalGroup);
                }
                present.add(match.language());
                outcome.add(match);
            } else {
                outcome.add(new Match(match.candidateId(), match.language(), match.score(), false));
            }
        }
        return new Plan(assigned, outcome);
    }

    static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }
}
