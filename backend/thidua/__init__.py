"""Thi Đua Số: the commune's emulation movement platform."""
