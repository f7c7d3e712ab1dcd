package org.wiregate.edition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wiregate.article.Language;

/**
 * Decides, for an article that arrives without an explicit edition group, which stored articles in
 * the other languages are its editions, per story rather than per pair. Per language it takes the
 * most probable candidate: at or above {@code linkAt}, and clearly ahead of the runner-up, it is
 * proposed; the story then holds only when every pair of the group it would make (the arrival, the
 * candidates, the editions already grouped with them) reaches {@code suggestAt}: en-ar, en-es and
 * ar-es must agree. A late edition re-decides the story: linked to two editions that were not linked
 * to each other, it joins them. What does not hold, or is only likely, goes to an operator.
 */
final class EditionLinker {

    /** The probability that two articles are editions of one story, given the window's rarity counts. */
    @FunctionalInterface
    interface PairScorer {
        double probability(EditionEvidence a, EditionEvidence b, EditionFeatures.Counts df);

        /**
         * The same for a related member of the window, from what the window gathered of the pair,
         * when it reaches {@code floor}; under it, any value under {@code floor} (a scorer may stop
         * at a bound). A scorer that does not use these recounts from the articles and is always
         * exact.
         */
        default double probability(
                EditionEvidence a, EditionWindow.Related related, int slot, EditionFeatures.Counts df, double floor) {
            return probability(a, related.member(slot).evidence(), df);
        }
    }

    /** A proposed pair: linked, or suggested to an operator. */
    record Match(String candidateId, Language language, double score, boolean linked) {}

    /** The groups an arrival joins or forms, and what goes to operators. */
    record Plan(Map<String, String> groupOf, List<Match> matches) {}

    private final PairScorer scorer;
    private final Duration window;
    private final EditionModel.Thresholds thresholds;
    /** No pair sharing no evidence scores above this; when it is under suggestAt such pairs are not scored. */
    private final double ceilingWithoutSharedEvidence;

    EditionLinker(PairScorer scorer, Duration window, EditionModel.Thresholds thresholds) {
        this(scorer, window, thresholds, 1);
    }

    EditionLinker(
            PairScorer scorer,
            Duration window,
            EditionModel.Thresholds thresholds,
            double ceilingWithoutSharedEvidence) {
        this.scorer = scorer;
        this.window = window;
        this.thresholds = thresholds;
        this.ceilingWithoutSharedEvidence = ceilingWithoutSharedEvidence;
    }

    static EditionLinker of(EditionModel model, Duration window) {
        return new EditionLinker(model.scorer(), window, model.thresholds(), model.ceilingWithoutSharedEvidence());
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
        List<EditionEvidence> pool = new ArrayList<>(candidates.size() + 1);
        pool.addAll(candidates);
        pool.add(arrival);
        EditionFeatures.Counts df = EditionFeatures.documentFrequency(arrival, pool);
        boolean skipUnrelated = ceilingWithoutSharedEvidence < thresholds.suggestAt();
        Map<Language, List<EditionEvidence>> unscored = new EnumMap<>(Language.class);

        Map<Language, List<Match>> byLanguage = new EnumMap<>(Language.class);
        Map<String, EditionEvidence> byId = new HashMap<>();
        Map<String, List<EditionEvidence>> inGroup = new HashMap<>();
        int index = -1; // the candidate's place in the pool, where the counts marked what it shares
        for (EditionEvidence candidate : candidates) {
            index++;
            if (candidate.language() == arrival.language()
                    || !EditionFeatures.withinWindow(arrival, candidate, window)) {
                continue;
            }
            byId.put(candidate.articleId(), candidate);
            String group = groups.get(candidate.articleId());
            if (group != null) {
                inGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(candidate);
                if (groupMembers.getOrDefault(group, Set.of()).contains(arrival.language())) {
                    continue; // that story already has its edition in this language
                }
            }
            if (!keptApart.isEmpty() && keptApart.contains(pairKey(arrival.articleId(), candidate.articleId()))) {
                continue;
            }
            if (skipUnrelated && !df.sharesNameOrPlace(index) && !EditionFeatures.shareEvidence(arrival, candidate)) {
                unscored.computeIfAbsent(candidate.language(), l -> new ArrayList<>())
                        .add(candidate);
                continue;
            }
            double p = scorer.probability(arrival, candidate, df);
            byLanguage
                    .computeIfAbsent(candidate.language(), l -> new ArrayList<>())
                    .add(new Match(candidate.articleId(), candidate.language(), p, false));
        }

        Map<String, List<EditionEvidence>> siblings = inGroup;
        List<Match> best =
                bestPerLanguage(arrival, byLanguage, language -> unscored.getOrDefault(language, List.of()), df);
        return decide(
                arrival,
                best,
                byId::get,
                group -> siblings.getOrDefault(group, List.of()),
                Stories.of(groups, groupMembers),
                member -> member == df.of() ? df : EditionFeatures.documentFrequency(member, pool));
    }

    /**
     * The same decisions as {@link #link(EditionEvidence, Collection, Map, Map, Set)} given the
     * window's articles of the other languages in the order they entered, at the cost of the
     * candidates sharing evidence with the arrival: the others are scored only when the skip bound
     * does not hold or one of them could deny a lead.
     */
    Plan link(
            EditionEvidence arrival,
            EditionWindow index,
            Map<String, String> groups,
            Map<String, Set<Language>> groupMembers,
            Set<String> keptApart) {
        return link(arrival, index, Stories.of(groups, groupMembers), keptApart);
    }

    /** As above, with the stories read from wherever they are kept (the live service: the store). */
    Plan link(EditionEvidence arrival, EditionWindow index, Stories stories, Set<String> keptApart) {
        return index.read(() -> linkIndexed(arrival, index, stories, keptApart));
    }

    private Plan linkIndexed(EditionEvidence arrival, EditionWindow index, Stories stories, Set<String> keptApart) {
        EditionFeatures.Counts df = index.counts(arrival, arrival);
        boolean skipUnrelated = ceilingWithoutSharedEvidence < thresholds.suggestAt();
        // Score first and ask the stories only about the candidates whose score could matter: below
        // `relevant` a candidate can neither lead with a match nor deny a lead, so whether its story
        // already has the arrival's language changes nothing (and the scorer may stop at a bound).
        double relevant = Math.min(thresholds.suggestAt(), thresholds.linkAt() - thresholds.margin());
        List<EditionWindow.Member> scored = new ArrayList<>();
        List<String> worthAsking = new ArrayList<>();
        double[] scores;
        if (skipUnrelated) {
            EditionWindow.Related related = index.related(arrival, df);
            scores = new double[related.size()];
            long from = arrival.published().getEpochSecond() - window.getSeconds();
            long to = arrival.published().getEpochSecond() + window.getSeconds();
            for (int slot = 0; slot < related.size(); slot++) {
                long published = related.publishedSecond(slot); // withinWindow, without following the member
                if (published < from || published > to || keptApart(arrival, related.member(slot), keptApart)) {
                    continue;
                }
                double p = scorer.probability(arrival, related, slot, df, relevant);
                scores[scored.size()] = p;
                scored.add(related.member(slot));
                if (p >= relevant) {
                    worthAsking.add(related.member(slot).evidence().articleId());
                }
            }
        } else {
            List<EditionWindow.Member> candidates = index.candidates(arrival);
            scores = new double[candidates.size()];
            for (EditionWindow.Member member : candidates) {
                EditionEvidence candidate = member.evidence();
                if (!inTimeAndNotKeptApart(arrival, candidate, keptApart)) {
                    continue;
                }
                double p = scorer.probability(arrival, candidate, df);
                scores[scored.size()] = p;
                scored.add(member);
                if (p >= relevant) {
                    worthAsking.add(candidate.articleId());
                }
            }
        }
        stories.prefetch(worthAsking);
        // per language only the leader and the runner-up's score: the list the scan sorts is not needed
        Map<Language, Leader> leaders = new EnumMap<>(Language.class);
        for (int i = 0; i < scored.size(); i++) {
            EditionEvidence candidate = scored.get(i).evidence();
            if (scores[i] >= relevant && storyHasLanguage(candidate, arrival.language(), stories)) {
                continue;
            }
            leaders.computeIfAbsent(candidate.language(), l -> new Leader())
                    .offer(candidate, scored.get(i).order(), scores[i]);
        }
        // the candidates sharing nothing, only if a lead has to be checked against them (in entry order, as the scan
        // has them)
        java.util.function.Function<Language, List<EditionWindow.Member>> unscored = language -> {
            List<EditionWindow.Member> skipped = new ArrayList<>();
            if (!skipUnrelated) {
                return skipped; // every candidate was scored already
            }
            for (EditionWindow.Member member : index.candidates(arrival)) {
                EditionEvidence candidate = member.evidence();
                if (candidate.language() == language
                        && inTimeAndNotKeptApart(arrival, candidate, keptApart)
                        && !EditionFeatures.shareEvidence(arrival, candidate)) {
                    skipped.add(member);
                }
            }
            return skipped;
        };
        List<Match> best = new ArrayList<>();
        for (Map.Entry<Language, Leader> entry : leaders.entrySet()) {
            Leader leader = entry.getValue();
            if (leader.score >= thresholds.linkAt()
                    && leader.score - ceilingWithoutSharedEvidence < thresholds.margin()) {
                // an unscored candidate might be the runner-up that denies the lead: score them after all
                for (EditionWindow.Member skipped : unscored.apply(entry.getKey())) {
                    double p = scorer.probability(arrival, skipped.evidence(), df);
                    if (p >= relevant && storyHasLanguage(skipped.evidence(), arrival.language(), stories)) {
                        continue;
                    }
                    // the scan appends these after the scored ones: of equal scores, a scored one leads
                    leader.offer(skipped.evidence(), AFTER_SCORED + skipped.order(), p);
                }
            }
            double runnerUp = leader.offers > 1 ? leader.runnerUp : 0;
            boolean clear = leader.score >= thresholds.linkAt() && leader.score - runnerUp >= thresholds.margin();
            if (clear || leader.score >= thresholds.suggestAt()) {
                best.add(new Match(leader.top.articleId(), leader.top.language(), leader.score, clear));
            }
        }
        best.sort(Comparator.comparingDouble(Match::score).reversed());
        Map<String, List<EditionEvidence>> siblings = new HashMap<>();
        return decide(
                arrival,
                best,
                id -> index.candidate(id, arrival),
                group -> siblings.computeIfAbsent(group, g -> membersOf(g, arrival, index, stories)),
                stories,
                member -> member == df.of() ? df : index.counts(member, arrival));
    }

    /**
     * The best candidate of a language and the second-best score, as the scan's stable sort finds
     * them: of equal scores the one offered first leads.
     */
    private static final class Leader {
        EditionEvidence top;
        long topRank;
        double score;
        double runnerUp;
        int offers;

        /** @param rank where the scan's list would have the candidate (its entry order) */
        void offer(EditionEvidence candidate, long rank, double p) {
            if (offers++ == 0) {
                top = candidate;
                topRank = rank;
                score = p;
                runnerUp = Double.NEGATIVE_INFINITY;
                return;
            }
            if (p > score) {
                runnerUp = score;
            } else if (p > runnerUp) {
                runnerUp = p;
            }
            if (p > score || (p == score && rank < topRank)) {
                top = candidate;
                topRank = rank;
                score = p;
            }
        }
    }

    /** Ranks the candidates scored only for the lead check after every scored one. */
    private static final long AFTER_SCORED = Long.MAX_VALUE / 2;

    /** What the scan considers of a candidate at all: published within the window of the arrival, not kept apart from it. */
    private boolean inTimeAndNotKeptApart(EditionEvidence arrival, EditionEvidence candidate, Set<String> keptApart) {
        return EditionFeatures.withinWindow(arrival, candidate, window)
                && (keptApart.isEmpty() || !keptApart.contains(pairKey(arrival.articleId(), candidate.articleId())));
    }

    private static boolean keptApart(EditionEvidence arrival, EditionWindow.Member member, Set<String> keptApart) {
        return !keptApart.isEmpty()
                && keptApart.contains(
                        pairKey(arrival.articleId(), member.evidence().articleId()));
    }

    /** The candidate's story has an edition in that language already: the scan leaves it out. */
    private static boolean storyHasLanguage(EditionEvidence candidate, Language language, Stories stories) {
        String group = stories.groupOf(candidate.articleId());
        return group != null && stories.languagesOf(group).contains(language);
    }

    /** The arrival's candidates in a group, in entry order: what the scan collects as it goes. */
    private List<EditionEvidence> membersOf(
            String group, EditionEvidence arrival, EditionWindow index, Stories stories) {
        List<EditionEvidence> members = new ArrayList<>();
        for (String id : stories.membersOf(group)) {
            EditionEvidence candidate = index.candidate(id, arrival);
            if (candidate != null && EditionFeatures.withinWindow(arrival, candidate, window)) {
                members.add(candidate);
            }
        }
        members.sort(Comparator.comparingLong(m -> index.order(m.articleId())));
        return members;
    }

    /** Per language, the best candidate if it links clearly or deserves an operator's look. */
    private List<Match> bestPerLanguage(
            EditionEvidence arrival,
            Map<Language, List<Match>> byLanguage,
            java.util.function.Function<Language, List<EditionEvidence>> unscored,
            EditionFeatures.Counts df) {
        List<Match> best = new ArrayList<>();
        for (Map.Entry<Language, List<Match>> entry : byLanguage.entrySet()) {
            List<Match> matches = entry.getValue();
            matches.sort(Comparator.comparingDouble(Match::score).reversed());
            double lead = matches.get(0).score() - ceilingWithoutSharedEvidence;
            if (matches.get(0).score() >= thresholds.linkAt() && lead < thresholds.margin()) {
                // an unscored candidate might be the runner-up that denies the lead: score them after all
                for (EditionEvidence skipped : unscored.apply(entry.getKey())) {
                    matches.add(new Match(
                            skipped.articleId(), skipped.language(), scorer.probability(arrival, skipped, df), false));
                }
                matches.sort(Comparator.comparingDouble(Match::score).reversed());
            }
            Match top = matches.get(0);
            double runnerUp = matches.size() > 1 ? matches.get(1).score() : 0;
            boolean clear = top.score() >= thresholds.linkAt() && top.score() - runnerUp >= thresholds.margin();
            if (clear || top.score() >= thresholds.suggestAt()) {
                best.add(new Match(top.candidateId(), top.language(), top.score(), clear));
            }
        }
        best.sort(Comparator.comparingDouble(Match::score).reversed());
        return best;
    }

    /** Forms the story from the best matches: a match links only when the whole group it makes agrees. */
    private Plan decide(
            EditionEvidence arrival,
            List<Match> best,
            java.util.function.Function<String, EditionEvidence> candidateById,
            java.util.function.Function<String, List<EditionEvidence>> inGroup,
            Stories stories,
            java.util.function.Function<EditionEvidence, EditionFeatures.Counts> countsOf) {
        Map<String, String> assigned = new LinkedHashMap<>();
        String arrivalGroup = null;
        List<EditionEvidence> story = new ArrayList<>(List.of(arrival));
        Set<Language> present = EnumSet.of(arrival.language());
        List<Match> outcome = new ArrayList<>();
        for (Match match : best) {
            EditionEvidence candidate = candidateById.apply(match.candidateId());
            String candidateGroup = stories.groupOf(match.candidateId());
            List<EditionEvidence> joining = new ArrayList<>(List.of(candidate));
            if (candidateGroup != null && !candidateGroup.equals(arrivalGroup)) {
                for (EditionEvidence sibling : inGroup.apply(candidateGroup)) {
                    if (!sibling.articleId().equals(candidate.articleId())) {
                        joining.add(sibling);
                    }
                }
            }
            boolean link = match.linked()
                    && (candidateGroup == null || arrivalGroup == null || candidateGroup.equals(arrivalGroup))
                    && joining.stream().noneMatch(j -> present.contains(j.language()) && !story.contains(j))
                    && agrees(story, joining, stories, countsOf);
            if (!link) {
                outcome.add(new Match(match.candidateId(), match.language(), match.score(), false));
                continue;
            }
            if (arrivalGroup == null) {
                arrivalGroup = candidateGroup != null ? candidateGroup : "auto-" + match.candidateId();
                assigned.put(arrival.articleId(), arrivalGroup);
            }
            for (EditionEvidence j : joining) {
                if (stories.groupOf(j.articleId()) == null) {
                    assigned.put(j.articleId(), arrivalGroup);
                }
                present.add(j.language());
                story.add(j);
            }
            present.addAll(stories.languagesOf(arrivalGroup));
            outcome.add(match);
        }
        return new Plan(assigned, outcome);
    }

    /** Every pair between the story so far and what would join it, not yet grouped together, reaches suggestAt. */
    private boolean agrees(
            List<EditionEvidence> story,
            List<EditionEvidence> joining,
            Stories stories,
            java.util.function.Function<EditionEvidence, EditionFeatures.Counts> countsOf) {
        for (EditionEvidence member : story) {
            for (EditionEvidence newcomer : joining) {
                String g = stories.groupOf(member.articleId());
                if (member.language() == newcomer.language()) {
                    return false;
                }
                if (g != null && g.equals(stories.groupOf(newcomer.articleId()))) {
                    continue; // already one story
                }
                // the window's counts for a stored member are taken only when a story is about to be decided
                if (scorer.probability(member, newcomer, countsOf.apply(member)) < thresholds.suggestAt()) {
                    return false;
                }
            }
        }
        return true;
    }

    static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }
}
