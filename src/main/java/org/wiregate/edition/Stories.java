package org.wiregate.edition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wiregate.article.Language;

/**
 * What the linker needs to know of the stories already formed: which group an article is in, which
 * languages and articles a group holds. The live service answers from the store, asking only about
 * the articles an arrival is actually scored against; the evaluation and the benchmarks answer from
 * maps they keep.
 */
interface Stories {

    /** The group of an article, or null when it is in none. */
    String groupOf(String articleId);

    /** The languages present in a group (empty when unknown). */
    Set<Language> languagesOf(String group);

    /** The articles of a group, in no particular order. */
    List<String> membersOf(String group);

    /** A hint: the linker is about to ask about these articles; a store can read them in one go. */
    default void prefetch(Collection<String> articleIds) {}

    /** Stories kept in maps: group per article, languages per group. */
    static Stories of(Map<String, String> groups, Map<String, Set<Language>> languages) {
        return new Stories() {
            @Override
            public String groupOf(String articleId) {
                return groups.get(articleId);
            }

            @Override
            public Set<Language> languagesOf(String group) {
                return languages.getOrDefault(group, Set.of());
            }

            @Override
            public List<String> membersOf(String group) {
                List<String> members = new ArrayList<>();
                groups.forEach((id, g) -> {
                    if (group.equals(g)) {
                        members.add(id);
                    }
                });
                return members;
            }
        };
    }
}
