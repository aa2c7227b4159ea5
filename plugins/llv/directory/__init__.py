"""The start-up directory and the partners page: listings and one page per start-up."""
