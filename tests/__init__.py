"""The tests are one package, so every module has one importable name under plain `pytest` too."""
