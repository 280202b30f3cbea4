"""`newsbot doctor`: every check an operator would otherwise learn about from a silent channel."""
