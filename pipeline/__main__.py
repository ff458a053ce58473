"""`python -m pipeline` runs the `teipipe` command line."""

from pipeline.cli import main

main()
