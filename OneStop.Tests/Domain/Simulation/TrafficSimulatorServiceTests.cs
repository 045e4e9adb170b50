using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OneStop.Domain;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence.Demo;
using OneStop.Web.Hosting;

namespace OneStop.Tests.Domain.Simulation;

/// <summary>The hosted service in the web app: on only when enabled with a speed, first moves within two seconds, clean stop.</summary>
public sealed class TrafficSimulatorServiceTests : IDisposable
{
    private readonly SimulationFixture _f = new(SimulationFixture.Local(2026, 11, 23, 9, 0));

    public void Dispose() => _f.Dispose();

    /// <param name="steadyStart">Off by default: the held backlog of 17 departments at Speed 60 (12,000 dossiers, seconds to write) is the month test's subject, not this one's.</param>
    private TrafficSimulatorService Service(bool enabled, double speed, bool steadyStart = false)
    {
        var services = new ServiceCollection()
            .AddSingleton(_f.Contexts)
            .AddSingleton(_f.Calendars)
            .AddSingleton<TimeProvider>(_f.Clock)
            .AddSingleton(_f.Workflow)
            .AddLogging()
            .BuildServiceProvider();
        return new TrafficSimulatorService(services, Options.Create(new DemoOptions { Enabled = enabled, Speed = speed, Seed = 1, SteadyStart = steadyStart }),
            _f.Clock, NullLogger<TrafficSimulatorService>.Instance);
    }

    /// <summary>Five Sở Nội vụ dossiers received by postal1 on Monday; the clock then moves to Tuesday, when their hand-over is long due.</summary>
    private async Task<List<string>> WaitingDossiersAsync()
    {
        var codes = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            var d = await _f.Workflow.ReceiveAsync(new IntakeRequest
            {
                ProcedureId = 4, Channel = Channel.Counter, ApplicantName = "Nguyễn Văn An", ApplicantPhone = "0912345678",
                ApplicantIdNumber = "045090001234", ApplicantAddress = "12 Lê Duẩn, Đông Hà, Quảng Trị",
            }, DemoCatalog.Postal1Id);
            codes.Add(d.Code);
        }
        _f.Clock.Set(SimulationFixture.Local(2026, 11, 24, 9, 0));
        return codes;
    }

    private async Task<int> MovesAsync()
    {
        await using var db = _f.Db();
        return await db.DossierEvents.CountAsync(e => e.Type != DossierEventType.Received);
    }

    [Fact]
    public async Task When_on_it_moves_the_waiting_dossiers_on_its_first_steps_and_stops_cleanly()
    {
        // How soon the first step comes is a property of the schedule (one Interval), not something a shared,
        // noisy test machine can time; here it must move at all, then stop and stay stopped.
        Assert.True(TrafficSimulatorService.Interval <= TimeSpan.FromSeconds(1));
        await WaitingDossiersAsync();
        var service = Service(enabled: true, speed: 60);
        var watch = Stopwatch.StartNew();
        await service.StartAsync(CancellationToken.None);
        while (await MovesAsync() == 0 && watch.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);
        Assert.True(await MovesAsync() > 0, "nothing moved");

        await service.StopAsync(CancellationToken.None);
        Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
        int after = await MovesAsync();
        await Task.Delay(1500);
        Assert.Equal(after, await MovesAsync());
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 60)]
    public async Task When_disabled_or_at_speed_0_it_does_not_run(bool enabled, double speed)
    {
        await WaitingDossiersAsync();
        var service = Service(enabled, speed);
        await service.StartAsync(CancellationToken.None);
        await Task.Delay(2500);
        Assert.True(service.ExecuteTask!.IsCompleted);
        Assert.Equal(0, await MovesAsync());
        await service.StopAsync(CancellationToken.None);
    }
}
