"""Pure questions over records, one module per subject: votes, states, profile, search.

Nothing here reads files or prints. Each function takes profiles (dicts), resolutions and meetings
as the store gives them, and returns rows: dicts with the same keys in every output format.
"""
