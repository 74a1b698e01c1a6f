"""The generated demo organisation that `load_demo` builds: reproducible from a seed and dated
relative to today, so it never ages. Each module adds one part of the story."""
