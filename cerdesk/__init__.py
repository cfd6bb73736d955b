"""cerdesk: offline preparation of EU MDR Clinical Evaluation Reports."""

__version__ = "0.1.0"
