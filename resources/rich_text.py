"""The rich-text feature lists, one per purpose: every rich-text field and block takes its list here.

A RichTextField's features are part of its migration, so changing a list's contents changes what
editors can do and makes a migration in each app that uses it.
"""

# Text blocks inside a StreamField body. Headings come from HeadingBlock, so every one can appear
# in the table of contents.
BODY_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]

# The short introduction above a guide or case study listing.
INTRODUCTION_FEATURES = ["bold", "italic", "link"]

# A section of a page written as a few paragraphs that may need a list: a case study's challenge,
# what changed and lessons; a pathway's outcomes; the introductions of pathways and stages.
SECTION_FEATURES = ["bold", "italic", "ol", "ul", "link"]

# A page whose whole text is one field, so its headings come from the editor: standard pages and
# the home page's introduction to co-production.
PAGE_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]

# The words beside a picture in an Easy Read row: bold for the important words, and nothing else.
EASY_READ_FEATURES = ["bold"]
