using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Estimate;

namespace EnergyGate.Core.Tests.Contracts;

/// <summary>A meter's machine, faked: the environment, a way to let energy flow, and what to clean up.</summary>
/// <param name="Env">The environment the provider builds from.</param>
/// <param name="Advance">Lets time pass and energy accumulate on the fake hardware.</param>
/// <param name="Owned">Disposed with the harness (e.g. a fake sysfs folder).</param>
public sealed record MeterHarness(MeterEnvironment Env, Action Advance, IDisposable? Owned = null) : IDisposable
{
    public void Dispose() => Owned?.Dispose();
}

/// <summary>
/// What every meter of <see cref="MeterProviders"/> must do, run once per meter by a derived class
/// against fake hardware (<see cref="MeterContractCoverageTests"/> fails when a meter has none).
/// </summary>
public abstract class MeterContract
{
    private static readonly MeterOptions Options = new(new EstimateOptions());

    /// <summary>The meter's name in the catalog.</summary>
    protected abstract string Name { get; }

    /// <summary>The side the meter must state.</summary>
    protected abstract MeterSide ExpectedSide { get; }

    /// <summary>A machine where the meter works.</summary>
    protected abstract MeterHarness Present();

    /// <summary>A machine where it does not, or null for a meter that is never absent.</summary>
    protected abstract MeterHarness? Absent();

    /// <summary>Checks that disposal released what the meter held (a fake library's shutdown); nothing by default.</summary>
    protected virtual void AssertReleased(MeterHarness harness)
    {
    }

    private IMeterProvider Provider => MeterProviders.Find(Name) ?? throw new InvalidOperationException($"{Name} is not in MeterProviders");

    [Fact]
    public void States_its_side_and_a_priority_no_other_meter_of_that_side_shares()
    {
        Assert.Single(MeterProviders.Names, n => n == Name);
        Assert.Equal(ExpectedSide, Provider.Side);
        Assert.True(Provider.AutoPriority > 0);
        // Equal priorities on one side would leave auto's choice to catalog order.
        Assert.Single(MeterProviders.All, p => p.Side == Provider.Side && p.AutoPriority == Provider.AutoPriority);
    }

    [Fact]
    public void Present_hardware_gives_an_available_meter_with_domains()
    {
        using var harness = Present();
        using var meter = Provider.Create(harness.Env, Options);

        Assert.Equal(Name, meter.Info.Name);
        Assert.True(meter.Info.Available, meter.Info.Reason);
        Assert.Null(meter.Info.Reason);
        Assert.NotEmpty(meter.Info.Domains);
    }

    [Fact]
    public void Absent_hardware_gives_an_unavailable_meter_that_says_why()
    {
        using var harness = Absent();
        if (harness is null)
        {
            // Never absent (a model, not hardware): then it must work on the barest machine.
            using var bare = Present();
            using var always = Provider.Create(bare.Env, Options);
            Assert.True(always.Info.Available, always.Info.Reason);
            return;
        }
        using var meter = Provider.Create(harness.Env, Options);

        Assert.Equal(Name, meter.Info.Name);
        Assert.False(meter.Info.Available);
        Assert.False(string.IsNullOrWhiteSpace(meter.Info.Reason));
        Assert.Empty(meter.Info.Domains);
    }

    [Fact]
    public void Counters_never_go_back_and_move_as_energy_flows()
    {
        using var harness = Present();
        using var meter = Provider.Create(harness.Env, Options);
        var first = new double[meter.Info.Domains.Count];
        var second = new double[meter.Info.Domains.Count];

        meter.Read(first);
        harness.Advance();
        meter.Read(second);

        Assert.All(first.Zip(second), p => Assert.True(p.Second >= p.First, $"{p.First} J then {p.Second} J"));
        Assert.Contains(first.Zip(second), p => p.Second > p.First);
    }

    [Fact]
    public void Disposing_releases_the_meter_and_may_be_repeated()
    {
        using var harness = Present();
        var meter = Provider.Create(harness.Env, Options);

        meter.Dispose();
        meter.Dispose();

        AssertReleased(harness);
    }
}
