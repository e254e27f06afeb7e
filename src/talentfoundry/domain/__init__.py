"""Pure types and rules shared by every layer. No I/O here."""
