"""Document renderers: plain data in, (filename, content type, bytes) out. No request, no ORM."""
