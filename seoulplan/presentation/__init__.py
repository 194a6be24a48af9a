"""The presentation: what people and scripts read of the core's frames.

``views`` (headers, titles, notes, cell kinds in Korean and English), ``formatting``
(Korean numbers: 39조 5,359억원, 10.6%, -1.1%p), ``render`` (one dispatch for every
output format), ``output`` (standard output and ``-o`` files), ``choices`` (the options'
values). It imports the core; the core never imports it.
"""
