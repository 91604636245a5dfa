using System.Diagnostics;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Tests.Generation.Fakes;

namespace EnergyGate.Core.Tests.Generation;

public sealed class GeneratorTimelineTests
{
    private static readonly int[] Prompt = ByteTokenizer.Bytes("def f():\n");

    [Fact]
    public void Timeline_follows_the_forward_passes_on_a_fake_clock()
    {
        // The clock moves only inside the model: prefill costs 1000 ticks, each decode step 100.
        var clock = new FakeClock(start: 5_000);
        var session = new ScriptedSession(ByteTokenizer.Bytes("abcde")) { Clock = clock, PrefillTicks = 1000, DecodeTicks = 100 };
        var result = new Generator(clock).Generate(session, new ByteTokenizer(), Prompt, new GenerationSettings { MaxNewTokens = 5 });

        var timeline = result.Timeline;
        Assert.Equal(5_000, timeline.PrefillStart);
        Assert.Equal(6_000, timeline.PrefillEnd);
        Assert.Equal([6_000L, 6_100, 6_200, 6_300, 6_400], timeline.TokenTimes);
        Assert.Equal(6_400, timeline.End);
        Assert.Equal(4, timeline.DecodeSteps);

        Assert.Equal(Ticks(1000), result.PrefillDuration);
        Assert.Equal(Ticks(1000), result.TimeToFirstToken);
        Assert.Equal(Ticks(400), result.DecodeDuration);
        Assert.Equal(Ticks(1400), result.TotalDuration);
        Assert.Equal(4 / Ticks(400).TotalSeconds, result.DecodeTokensPerSecond!.Value, 6);
    }

    [Fact]
    public void Timeline_is_ordered_when_every_clock_read_moves_time()
    {
        var clock = new FakeClock(stepPerRead: 7);
        var session = new ScriptedSession([.. ByteTokenizer.Bytes("x = 1\n"), ByteTokenizer.Eos]) { Clock = clock };
        var timeline = new Generator(clock).Generate(session, new ByteTokenizer(), Prompt, new GenerationSettings()).Timeline;

        Assert.True(timeline.PrefillStart < timeline.PrefillEnd);
        Assert.True(timeline.PrefillEnd < timeline.TokenTimes[0]);   // token 0 is chosen after the prefill logits
        for (var i = 1; i < timeline.TokenTimes.Count; i++)
            Assert.True(timeline.TokenTimes[i - 1] < timeline.TokenTimes[i]);
        Assert.True(timeline.TokenTimes[^1] < timeline.End);
        Assert.Equal(7, timeline.TokenTimes.Count);
    }

    [Fact]
    public void Time_to_first_token_includes_the_first_selection()
    {
        var clock = new FakeClock(stepPerRead: 1);
        var session = new ScriptedSession(ByteTokenizer.Bytes("ab")) { Clock = clock, PrefillTicks = 50 };
        var result = new Generator(clock).Generate(session, new ByteTokenizer(), Prompt, new GenerationSettings { MaxNewTokens = 2 });
        Assert.Equal(Ticks(51), result.PrefillDuration);
        Assert.Equal(Ticks(52), result.TimeToFirstToken);
    }

    [Fact]
    public void A_single_token_has_no_decode_rate()
    {
        var clock = new FakeClock();
        var session = new ScriptedSession(ByteTokenizer.Bytes("a")) { Clock = clock };
        var result = new Generator(clock).Generate(session, new ByteTokenizer(), Prompt, new GenerationSettings { MaxNewTokens = 1 });
        Assert.Equal(0, result.Timeline.DecodeSteps);
        Assert.Null(result.DecodeTokensPerSecond);
    }

    [Fact]
    public void The_system_clock_gives_a_real_timeline()
    {
        var result = new Generator().Generate(new ScriptedSession(), new ByteTokenizer(), Prompt, new GenerationSettings { MaxNewTokens = 3 });
        Assert.InRange(result.Timeline.End - result.Timeline.PrefillStart, 0, Stopwatch.Frequency * 60);
        Assert.Equal("xxx", result.Completion);
    }

    [Fact]
    public void A_clock_in_other_units_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Generator(new MillisecondClock()));

    private static TimeSpan Ticks(long stopwatchTicks) => Stopwatch.GetElapsedTime(0, stopwatchTicks);

    private sealed class MillisecondClock : TimeProvider
    {
        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() => 0;
    }
}
