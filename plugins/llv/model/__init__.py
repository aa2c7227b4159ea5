"""The content model and its loading: one schema per content type (schema.py), the
YAML files read and checked once into the content store (store.py), the data files
(key figures, redirects, legal facts) and the messages that name file, line and fix."""
