"""Benchmarks (`make bench`): each figure beside a raw baseline measured in the same run."""
