"""`python -m bilingual` runs the command line."""

from bilingual.cli import main

main()
