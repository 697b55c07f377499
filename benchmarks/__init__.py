"""Benchmark suite of the course: this project beside its peers, in one run.

Run everything with ``make bench`` (that is, ``.venv/bin/python -m benchmarks``).
It prints five tables and writes them, with a description of the machine, to
``benchmarks/results/results.md`` plus one plot, ``benchmarks/results/ksg_scaling.png``:

1. :mod:`benchmarks.ksg`: ``mi_ksg`` vs scikit-learn's ``mutual_info_regression``,
   ennemi and the bare SciPy k-d tree query, N = 10^3 .. 10^6, time, accuracy
   against the closed form, peak memory;
2. :mod:`benchmarks.pairwise`: ``pairwise_mi`` (binned and KSG) vs naive double
   loops over column pairs, p = 100 and 500;
3. :mod:`benchmarks.widgets`: one update of every registered widget panel, at its
   default and most expensive slider values;
4. :mod:`benchmarks.course`: execution time of every notebook, import time;
5. :mod:`benchmarks.scale`: relevance networks at genome scale (p = 200 to
   2,000, and 20,000 with ``--large``): the MI matrix, the permutation nulls,
   ARACNE, time and peak memory, and the speed-up of a local Dask cluster.

Benchmarks report; they assert nothing about time (the tests check
correctness). Options: ``python -m benchmarks ksg pairwise`` runs only those
tables, ``--quick`` runs smaller versions; both write to ``benchmarks/.scratch/``
instead of the committed results.
"""
