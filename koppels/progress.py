"""Progress of koppels along the route: built in koppels.route (one place for the route); this name stays importable."""

from koppels.route import AFGEROND, Progress, Telling, WegwijzerVoortgang, progress_for_koppel, progress_for_koppels

__all__ = ["AFGEROND", "Progress", "Telling", "WegwijzerVoortgang", "progress_for_koppel", "progress_for_koppels"]
