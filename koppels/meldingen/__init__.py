"""Notifications by e-mail: what changed in a koppel, stalled routes, the team's weekly summary, each in a rhythm
the person chose (models, event records, digest building, delivery, the Meldingen page and unsubscribe links)."""
