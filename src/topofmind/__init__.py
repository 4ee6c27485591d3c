"""topofmind: stay top-of-mind with the people who decide on your job applications."""

__version__ = "0.2.0"
