"""The programme team's workspace (views, figures, charts); URLs in koppels/workspace_urls.py."""
