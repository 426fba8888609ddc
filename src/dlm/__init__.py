"""DLM: the 民主生活会 (democratic life meeting) system."""
