/// The shared test helpers (fixtures, anchors, child processes, promtool) in every file.
@_exported import TestSupport
