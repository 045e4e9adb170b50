using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using OneStop.Domain;
using OneStop.Domain.Calendar;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Domain.Persistence.Demo;
using OneStop.Domain.Simulation;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Domain.Simulation;

/// <summary>
/// The demo center (the real demo catalog: 17 departments, their procedures, people and postal coverage, no history)
/// on a real, migrated SQLite file, with a clock the test moves and a sink that records what live screens would get.
/// </summary>
public sealed class SimulationFixture : IDisposable
{
    private readonly TempFolder _folder = new();
    public FixedTimeProvider Clock { get; }
    public IDbContextFactory<OneStopDbContext> Contexts { get; }
    public CenterCalendarProvider Calendars { get; }
    public WorkflowFixture.RecordingSink Changes { get; } = new();
    public DossierWorkflow Workflow { get; }
    public DemoCatalogData Catalog { get; } = DemoCatalog.Create();

    public SimulationFixture(DateTimeOffset start, int historyMonths = 0)
    {
        Clock = new FixedTimeProvider(start);
        var options = new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite($"Data Source={_folder.File("simulation.db")}")
            .AddInterceptors(new NoSyncInterceptor()).Options;
        Contexts = new PooledDbContextFactory<OneStopDbContext>(options);
        using (var db = Contexts.CreateDbContext())
        {
            db.Database.Migrate();
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
            var data = historyMonths > 0
                ? DemoHistoryGenerator.Generate(DemoCatalog.Create(), new DeadlineClock(new WorkingCalendar()), start.UtcDateTime, 11, historyMonths)
                : DemoCatalog.Create().WithoutHistory();
            new DemoSeeder(db).WriteAsync(data).GetAwaiter().GetResult();
        }
        Calendars = new CenterCalendarProvider(Contexts, Options.Create(new CenterOptions()));
        Workflow = new DossierWorkflow(Contexts, Calendars, Clock, Changes);
    }

    /// <summary>A simulator on this center; without the held backlog at start unless <paramref name="configure"/> turns it on (most tests follow fresh intake only).</summary>
    public TrafficSimulator Simulator(double speed = 60, int seed = 7, Func<TrafficSimulatorOptions, TrafficSimulatorOptions>? configure = null)
    {
        var options = new TrafficSimulatorOptions(speed, seed) { TopUpHeldBacklog = false };
        return new(Contexts, Workflow, Calendars, Clock, configure?.Invoke(options) ?? options);
    }

    /// <summary>Runs <paramref name="steps"/> steps of <paramref name="every"/> real time each, moving the clock before each.</summary>
    public async Task<List<SimulationTick>> RunAsync(TrafficSimulator simulator, int steps, TimeSpan every)
    {
        var ticks = new List<SimulationTick>(steps);
        for (int i = 0; i < steps; i++)
        {
            Clock.Advance(every);
            ticks.Add(await simulator.StepAsync(every));
        }
        return ticks;
    }

    public OneStopDbContext Db() => Contexts.CreateDbContext();

    public void Dispose() => _folder.Dispose();

    /// <summary>Thousands of small commits: without an fsync each (WAL keeps the file consistent; a crash may lose the last ones, which a test does not mind).</summary>
    private sealed class NoSyncInterceptor : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
    {
        public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData) => NoSync(connection);
        public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken ct = default)
        {
            NoSync(connection);
            return Task.CompletedTask;
        }
        private static void NoSync(System.Data.Common.DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>A local (UTC+7) wall-clock time as the instant the fixed clock needs.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));
}
