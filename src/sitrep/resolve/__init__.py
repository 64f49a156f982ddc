"""Resolve stage: turns mentions into places (gazetteer) and calendar dates."""
