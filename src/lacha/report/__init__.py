"""Showing an assessment: terminal checklist, JSON, and the dossiers."""
