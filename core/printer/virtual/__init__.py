"""The virtual printer: decodes the ESC/POS we send with its own tables, renders each cut piece,
answers status queries from a simulated state and simulates faults.

Written apart from the encoder on purpose: a test that passes through it checks what we really send,
not what the encoder believes it sends.
"""
