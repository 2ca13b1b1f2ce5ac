// fluentpress serve: the in-context editor (the panel comes in the next change).
