"""The reader's stages beside `rag.compose`: the trained span reader (`model`) and the
checks any candidate answer must pass (`verify`)."""
