"""Privacy by design: Mijn gegevens (view and JSON download), erasure on request, retention, who looked.

See README, "Privacy en bewaartermijnen".
"""
