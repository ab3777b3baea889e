"""Rules: the clinical data with their sources (cut-offs, guideline editions, references) and
the digest of the rules. The lowest floor: it imports nothing else of the package."""
