"""From a news article to candidate incidents: the codebook's coding rules as transparent, tested functions.

``article`` (read and check the text and its publication date), ``text`` (sentences and clauses with
offsets), ``dates`` (relative dates), ``numbers`` (vague quantities into min/best/max), ``places``
(the gazetteer adapter), ``casualties``, ``mentions`` (what a clause says: event, category, weapon,
or why it is decided against), ``candidates`` (one candidate per event, place and day), ``output``
(the candidate data directory), ``add_source``, ``merge`` and ``review`` (the HTML review page).
"""
