"""Text utilities that know no files and no tokenizers: scripts, normalisation, sentences."""
