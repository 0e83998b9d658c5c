"""Text rules: what an Arabic letter is, cleaning, matching normalization, sentence splitting."""
