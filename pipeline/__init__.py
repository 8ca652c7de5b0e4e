"""jixiao pipeline: normalisation, storage, the parse entry point and the CLI."""

# the version of the extraction code, stored with every document; raise it when what the
# parsers produce changes, and the next ingest re-parses documents an older version read
PARSER_VERSION = "0.3.0"
