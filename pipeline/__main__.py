"""`python -m pipeline` runs the `teipipe` command line."""

from pipeline.cli.launch import main

main()
