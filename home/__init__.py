# The <id:…> path converter is used by URL patterns of every app, routable pages included (their
# patterns are built when the models are imported): registered with the package, before any models.
from . import converters  # noqa: F401
