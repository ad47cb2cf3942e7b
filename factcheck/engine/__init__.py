"""The claim engine: plain Python, no Django.

analyze_story() takes a story's articles (ArticleText) and returns, for each
article, its check-worthy claims with the other outlets' passages (supports,
contradicts, related) and a suggested status with reasons.
"""

from .analysis import AnalyzedClaim, ArticleText, Suggestion, analyze_story

__all__ = ["AnalyzedClaim", "ArticleText", "Suggestion", "analyze_story"]
