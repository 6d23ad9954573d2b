// libtorch keeps its random generator (torch.manual_seed) and thread count (torch.set_num_threads) process-wide, so
// tests that train or embed in parallel would change each other's results; the determinism tests need them serial.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
