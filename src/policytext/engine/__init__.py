"""Where work runs: in this process, in a pool of spawned worker processes, or on a Dask cluster.

The engine never decides what is computed: it receives a picklable function and items, and yields
``(index, result or error)`` as work completes. Results must not depend on the engine (tested).
"""

from policytext.engine.cache import Cache
from policytext.engine.run import Failure, run

__all__ = ["Cache", "Failure", "run"]
