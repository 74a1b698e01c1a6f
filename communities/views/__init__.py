"""The pages of communities (each area adds its module)."""
