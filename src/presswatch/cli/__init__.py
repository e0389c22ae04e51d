"""The presswatch command: a thin layer that turns arguments into library calls and domain errors into messages."""
