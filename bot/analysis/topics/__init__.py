"""Topic queries: the query language (`query`, `nodes`), the words both sides are compared in
(`tokens`) and the matcher that finds which topics an entry wakes (`matcher`)."""
