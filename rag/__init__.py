"""Beibei News QA: cited answers over Chinese local-newspaper articles."""
from .types import Answer, Article, Chunk, Citation, Hit  # noqa: F401
from .assistant import Assistant  # noqa: F401
