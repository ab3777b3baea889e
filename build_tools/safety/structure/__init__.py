"""The hazard log as data: its model (:mod:`.hazards`), its loader with line numbers
(:mod:`.loader`) and its rendering for reviewers (:mod:`.markdown`)."""
