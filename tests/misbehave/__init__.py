"""A hook that makes reading chosen communities' ledgers go wrong, in worker processes too."""
