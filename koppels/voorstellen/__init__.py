"""Suggestions: members propose improvements to the guide; the programme team triages them into an edition."""
