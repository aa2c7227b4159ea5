# Makes `tests` importable and puts plugins/ on the path for tests beside plugins.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "plugins"))
