// Placeholder; replaced as the pass lands.
