"""A plain TF-IDF nearest-neighbour baseline, to compare the engine against.

Same claims as the engine; evidence is each other outlet's two passages most
similar in plain word overlap (TF-IDF cosine, no stems, no figures, no facts);
a passage "supports" above a similarity threshold, nothing ever contradicts.
"""

import math
import re
from collections import Counter
from collections.abc import Sequence

from .analysis import AnalyzedClaim, ArticleText, Suggestion
from .claims import read_passages
from .evidence import Link
from .text import STOPWORDS


def words(text: str) -> Counter:
    return Counter(word for word in re.findall(r"[a-z]+", text.lower()) if word not in STOPWORDS)


def baseline_story(
    articles: Sequence[ArticleText], *, threshold: float
) -> dict[int | str, list[AnalyzedClaim]]:
    passages = {article.id: read_passages(article.body) for article in articles}
    vectors = {
        (article.id, passage.start): words(passage.text)
        for article in articles
        for passage in passages[article.id]
    }
    frequency = Counter(word for vector in vectors.values() for word in vector)
    idf = {word: math.log(len(vectors) / count) + 1 for word, count in frequency.items()}

    def weighted(vector: Counter) -> dict[str, float]:
        return {word: count * idf[word] for word, count in vector.items()}

    def cosine(first: dict, second: dict) -> float:
        dot = sum(value * second.get(word, 0) for word, value in first.items())
        norm = math.sqrt(sum(v * v for v in first.values()) * sum(v * v for v in second.values()))
        return dot / norm if norm else 0.0

    weights = {key: weighted(vector) for key, vector in vectors.items()}
    result = {}
    for article in articles:
        analyzed = []
        for claim in passages[article.id]:
            if not claim.check_worthy:
                continue
            mine = weights[(article.id, claim.start)]
            links = []
            for other in articles:
                if other.source == article.source:
                    continue
                scored = sorted(
                    ((cosine(mine, weights[(other.id, p.start)]), p) for p in passages[other.id]),
                    key=lambda pair: -pair[0],
                )[:2]
                links += [
                    Link(other.id, p.start, p.end, p.text,
                         "supports" if score >= threshold else "related", score, (), ())
                    for score, p in scored if score > 0
                ]  # fmt: skip
            backed = any(link.relation == "supports" for link in links)
            suggestion = Suggestion("confirmed" if backed else "unsourced", ())
            links.sort(key=lambda link: -link.score)
            analyzed.append(AnalyzedClaim(claim, tuple(links), suggestion))
        result[article.id] = analyzed
    return result
