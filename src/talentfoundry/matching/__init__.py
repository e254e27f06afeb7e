"""Matching engine: CV and job text to skills, scores and explanations. Pure: no web, no store."""
