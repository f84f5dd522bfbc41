"""The programme team's workspace: views, urls, forms, beheer, figures, charts, exports and its permission."""
