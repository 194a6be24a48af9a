"""The version of seoulplan, in a module of its own: the core (its cache key) and the
presentation (exports' metadata) read it without importing the package's face."""

__version__ = "0.2.0"
