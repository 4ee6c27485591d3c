"""The rules (one module per strategy), the engine that runs them, and the score."""
