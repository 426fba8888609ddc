"""Finding copied passages: normalisation with an offset map, k-gram fingerprints, an index,
and alignment into exact and edited passages. Pure Python and numpy, no Django import."""
