"""Build, validate and document the article data package."""
