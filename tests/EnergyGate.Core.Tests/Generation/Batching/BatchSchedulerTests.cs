using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Batching;
using EnergyGate.Core.Tests.Generation.Fakes;

namespace EnergyGate.Core.Tests.Generation.Batching;

public sealed class BatchSchedulerTests
{
    private static readonly ByteTokenizer Tokenizer = new();

    private static string[] Prompts(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new string((char)('A' + (i * 7 % 26)), 1 + (i * 5 % 9)) + "def f():")];

    private static GenerationSettings Settings(int i) => new() { MaxNewTokens = 8 + (i % 5) * 6, StopStrings = i % 3 == 0 ? ["q"] : [] };

    private static List<BatchRequest> Requests(int count) =>
        [.. Prompts(count).Select((p, i) => new BatchRequest(i, Tokenizer.Encode(p), Settings(i)))];

    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(4, true)]
    [InlineData(16, true)]
    public void Every_sequence_gets_what_the_one_sequence_generator_gives(int batch, bool continuous)
    {
        var requests = Requests(23);
        var generator = new Generator();
        var expected = requests.Select(r => generator.Generate(new RuleSession(), Tokenizer, r.PromptIds, r.Settings)).ToList();

        var done = new BatchScheduler(new RuleBatchSession(batch), Tokenizer, new BatchOptions(batch, continuous)).Run(requests).ToList();

        Assert.Equal(requests.Count, done.Count);
        foreach (var d in done)
        {
            var e = expected[(int)d.Request.Id];
            Assert.Equal(e.GeneratedIds, d.Result.GeneratedIds);
            Assert.Equal(e.Completion, d.Result.Completion);
            Assert.Equal(e.RawText, d.Result.RawText);
            Assert.Equal(e.StopReason, d.Result.StopReason);
            Assert.False(d.Cancelled);
        }
        // The stop reasons differ across the requests, so the test covers each path.
        Assert.True(expected.Select(e => e.StopReason).Distinct().Count() >= 2);
    }

    [Fact]
    public void Static_batches_wait_for_the_whole_batch_and_continuous_ones_refill_a_free_slot_at_once()
    {
        var requests = Requests(6);
        var staticSession = new RuleBatchSession(3);
        _ = new BatchScheduler(staticSession, Tokenizer, new BatchOptions(3, Continuous: false)).Run(requests).ToList();
        var continuousSession = new RuleBatchSession(3);
        _ = new BatchScheduler(continuousSession, Tokenizer, new BatchOptions(3, Continuous: true)).Run(requests).ToList();

        var staticPrefills = staticSession.Calls.Where(c => c.StartsWith("Prefill", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Prefill:0,1,2", "Prefill:0,1,2"], staticPrefills);
        // The second static batch starts only after all three slots were released.
        var secondPrefill = staticSession.Calls.LastIndexOf("Prefill:0,1,2");
        Assert.Equal(3, staticSession.Calls.Take(secondPrefill).Count(c => c.StartsWith("Release", StringComparison.Ordinal)));
        // Continuous: a prefill into a single freed slot happens while others still hold sequences.
        Assert.Contains(continuousSession.Calls, c => c.StartsWith("Prefill", StringComparison.Ordinal) && c.Split(',').Length == 1 && c != "Prefill:0,1,2");
        Assert.True(continuousSession.Calls.Count(c => c.StartsWith("Decode", StringComparison.Ordinal))
            <= staticSession.Calls.Count(c => c.StartsWith("Decode", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_session_that_prefills_one_prompt_per_pass_gets_a_step_per_prompt_and_the_same_tokens()
    {
        var requests = Requests(9);
        var together = new BatchScheduler(new RuleBatchSession(4), Tokenizer, new BatchOptions(4, true)).Run(requests).ToDictionary(d => d.Request.Id);
        var session = new RuleBatchSession(4) { PrefillGroup = 1 };

        var apart = new BatchScheduler(session, Tokenizer, new BatchOptions(4, true)).Run(requests).ToList();

        Assert.All(session.Calls.Where(c => c.StartsWith("Prefill", StringComparison.Ordinal)), c => Assert.DoesNotContain(',', c));
        Assert.Equal(9, session.Calls.Count(c => c.StartsWith("Prefill", StringComparison.Ordinal)));
        foreach (var d in apart)
        {
            Assert.Equal(together[d.Request.Id].Result.GeneratedIds, d.Result.GeneratedIds);
            var prefill = Assert.Single(d.Shares, s => s.Phase == InferencePhase.Prefill);
            Assert.Equal(prefill.Weight, prefill.Step.TotalWeight);
        }
    }

    [Fact]
    public void A_finished_sequence_leaves_before_the_next_forward_pass_so_it_costs_no_extra_step()
    {
        var requests = Requests(5);
        var session = new RuleBatchSession(5);
        var done = new BatchScheduler(session, Tokenizer, new BatchOptions(5, false)).Run(requests).ToList();
        // One prefill gives every first token; each later token is one decode step in which the sequence took part.
        foreach (var d in done)
        {
            Assert.Equal(d.Result.GeneratedTokenCount - 1, d.Shares.Count(s => s.Phase == InferencePhase.Decode));
            Assert.Single(d.Shares, s => s.Phase == InferencePhase.Prefill);
        }
        Assert.Equal(done.Max(d => d.Result.GeneratedTokenCount) - 1, session.Calls.Count(c => c.StartsWith("Decode", StringComparison.Ordinal)));
    }

    [Fact]
    public void Each_sequence_has_its_own_timeline_and_step_weights()
    {
        var clock = new FakeClock(1_000);
        var requests = Requests(4);
        var done = new BatchScheduler(new RuleBatchSession(2, clock), Tokenizer, new BatchOptions(2, true), clock).Run(requests).ToList();

        foreach (var d in done)
        {
            var t = d.Result.Timeline;
            Assert.True(t.PrefillStart < t.PrefillEnd);
            Assert.True(t.PrefillEnd <= t.TokenTimes[0]);
            Assert.True(t.TokenTimes.Zip(t.TokenTimes.Skip(1)).All(p => p.First <= p.Second));
            Assert.True(t.TokenTimes[^1] <= t.End);
            var prefill = d.Shares.Single(s => s.Phase == InferencePhase.Prefill);
            Assert.Equal(d.Result.PromptTokenCount, prefill.Weight);
            Assert.Equal(t.PrefillStart, prefill.Step.Start);
            Assert.All(d.Shares.Where(s => s.Phase == InferencePhase.Decode), s => Assert.Equal(1, s.Weight));
            Assert.Equal(Enumerable.Range(1, d.Result.GeneratedTokenCount - 1), d.Shares.Where(s => s.Phase == InferencePhase.Decode).Select(s => s.Token));
        }
        // Steps never overlap: each starts at or after the previous one's end.
        var steps = done.SelectMany(d => d.Shares.Select(s => s.Step)).Distinct().OrderBy(s => s.Start).ToList();
        Assert.True(steps.Zip(steps.Skip(1)).All(p => p.First.End <= p.Second.Start));
        // Weights of each step add up to its total.
        foreach (var step in steps)
        {
            Assert.Equal(step.TotalWeight, done.SelectMany(d => d.Shares).Where(s => s.Step == step).Sum(s => s.Weight));
        }
    }

    [Fact]
    public void A_cancelled_sequence_leaves_at_the_next_step_and_frees_its_slot_for_a_waiting_one()
    {
        var requests = Requests(3).Select(r => r with { Settings = r.Settings with { MaxNewTokens = 200, EndOfSequenceIds = [] } }).ToList();
        var session = new RuleBatchSession(2) { MaxSequenceLength = 256 };
        var scheduler = new BatchScheduler(session, new ByteTokenizer { EndOfSequenceIds = [] }, new BatchOptions(2, true));
        requests.ForEach(scheduler.Admit);
        scheduler.Step(); // prefill of requests 0 and 1
        scheduler.Step(); // decode
        scheduler.Cancel(0);
        scheduler.Cancel(2); // still waiting: leaves without running
        var left = scheduler.Step();
        Assert.Equal([0L, 2L], left.Select(l => l.Request.Id).Order());
        Assert.All(left, l => Assert.True(l.Cancelled));
        Assert.Contains("Release:0", session.Calls);
        Assert.Equal(1, scheduler.Active);
        scheduler.Cancel(0); // already gone: ignored
        Assert.DoesNotContain(scheduler.Step(), l => l.Request.Id == 0);
    }

    [Fact]
    public void Bad_requests_are_refused_when_admitted_and_the_batch_goes_on()
    {
        var scheduler = new BatchScheduler(new RuleBatchSession(2) { MaxSequenceLength = 16 }, Tokenizer, new BatchOptions(2, true));
        Assert.Contains("no tokens", Assert.Throws<EnergyGateException>(() => scheduler.Admit(new BatchRequest(1, [], new GenerationSettings()))).Message);
        Assert.Contains("at most 16", Assert.Throws<EnergyGateException>(() => scheduler.Admit(new BatchRequest(2, new int[16], new GenerationSettings()))).Message);
        Assert.Contains("vocabulary", Assert.Throws<EnergyGateException>(() => scheduler.Admit(new BatchRequest(3, [RuleModel.Vocab], new GenerationSettings()))).Message);
        Assert.Contains("max_new_tokens", Assert.Throws<EnergyGateException>(() => scheduler.Admit(new BatchRequest(4, [65], new GenerationSettings { MaxNewTokens = 0 }))).Message);
        scheduler.Admit(new BatchRequest(5, [65, 66], new GenerationSettings { MaxNewTokens = 3 }));
        Assert.Throws<ArgumentException>(() => scheduler.Admit(new BatchRequest(5, [65], new GenerationSettings())));
        Assert.Throws<EnergyGateException>(() => new BatchScheduler(new RuleBatchSession(2), Tokenizer, new BatchOptions(3, true)));
        Assert.Throws<EnergyGateException>(() => new BatchScheduler(new RuleBatchSession(2), Tokenizer, new BatchOptions(0, true)));
        var done = new List<BatchedSequence>();
        while (scheduler.HasWork)
        {
            done.AddRange(scheduler.Step());
        }
        Assert.Equal(5, done.Single().Request.Id);
    }
}
