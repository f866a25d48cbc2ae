"""Timing shared by the Python peers, the same way podium-bench measures: a batch calibrated to take about 20 ms,
then the median time per call over several batches."""
import statistics
import time


def nanoseconds_per_call(body, samples=7):
    """Median nanoseconds per call of `body()`."""
    def seconds(iterations):
        start = time.perf_counter()
        for _ in range(iterations):
            body()
        return time.perf_counter() - start

    iterations = 1
    while seconds(iterations) < 0.02:
        iterations *= 2
    return statistics.median(seconds(iterations) / iterations for _ in range(samples)) * 1e9
