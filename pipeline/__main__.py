"""`python -m pipeline` runs the `teipipe` command line."""

from pipeline.launch import main

main()
