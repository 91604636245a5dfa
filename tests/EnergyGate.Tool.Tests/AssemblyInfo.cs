// Tool tests run whole measurements in process and one of them swaps the runtime factory through a
// static seam; running them one at a time keeps both timings and that seam undisturbed.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
