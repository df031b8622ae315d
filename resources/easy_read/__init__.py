"""Easy Read versions of guides and steps: the row blocks, the writing rules and the shipped pictograms.

A page type takes them through `resources.models.easy_read.EasyReadMixin`.
"""
