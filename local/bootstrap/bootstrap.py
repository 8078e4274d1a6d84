# Placeholder: the Python bootstrap of the local runtime (being written).
