// Placeholder: the Node.js bootstrap of the local runtime (being written).
