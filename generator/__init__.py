"""Gongkai (公开): turn a government's work plan and progress reports into a public website."""

__version__ = "0.1.0"
