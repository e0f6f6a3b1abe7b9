"""The Word document: the template set, the rendered body as WordprocessingML, charts, and the package."""
