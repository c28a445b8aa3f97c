// Tests arrive with the template engine's branch.
