"""Model training (torch): run once here, the results are shipped in the repo."""
