"""jixiao pipeline: normalisation, storage, the parse entry point and the CLI."""

PARSER_VERSION = "0.1.0"
