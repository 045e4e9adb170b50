using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence.Demo;
using OneStop.Domain.Simulation;

namespace OneStop.Tests.Domain.Simulation;

/// <summary>Runs of their own: speed 0, determinism, outcomes over weeks, the seeded backlog, the query plan.</summary>
public sealed class TrafficSimulatorRunTests
{
    private static readonly DateTimeOffset Monday8 = SimulationFixture.Local(2026, 11, 23, 8, 0);

    private static async Task<List<string>> TraceAsync(SimulationFixture f)
    {
        await using var db = f.Db();
        var dossiers = await db.Dossiers.AsNoTracking().OrderBy(d => d.Id)
            .Select(d => $"{d.Code} {d.ProcedureId} {d.Channel} {d.ResultDelivery} {d.ApplicantName} {d.ApplicantPhone} {d.Status} {d.CurrentStep} {d.CurrentHandlerId} {d.PostalTrackingNumber}")
            .ToListAsync();
        var events = (await db.DossierEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync())
            .Select(e => $"{e.DossierId} {e.Type} {e.ActorId} {e.At:O} {e.ToStatus} {e.ToStep} {e.ToHandlerId} {e.Note}");
        return dossiers.Concat(events).ToList();
    }

    [Fact]
    public async Task Speed_0_does_nothing()
    {
        using var f = new SimulationFixture(Monday8);
        await f.RunAsync(f.Simulator(speed: 60), 60, TimeSpan.FromSeconds(2)); // some open dossiers with moves due
        var before = await TraceAsync(f);
        int published = f.Changes.Published.Count;
        Assert.NotEmpty(before);

        f.Clock.Advance(TimeSpan.FromHours(2)); // everything waiting is overdue for a move
        var ticks = await f.RunAsync(f.Simulator(speed: 0), 60, TimeSpan.FromSeconds(2));

        Assert.All(ticks, t => Assert.Equal((0, 0, 0, 0), (t.Received, t.Moved, t.Skipped, t.Examined)));
        Assert.Equal(before, await TraceAsync(f));
        Assert.Equal(published, f.Changes.Published.Count);
        // The same steps at Speed 60 would have moved them: the zero above is the speed's doing.
        Assert.True((await f.RunAsync(f.Simulator(speed: 60), 5, TimeSpan.FromSeconds(2))).Sum(t => t.Moved) > 0);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_run_and_another_seed_another()
    {
        async Task<List<string>> RunAsync(int seed)
        {
            using var f = new SimulationFixture(Monday8);
            await f.RunAsync(f.Simulator(60, seed), 60, TimeSpan.FromSeconds(2));
            return await TraceAsync(f);
        }
        var first = await RunAsync(7);
        var second = await RunAsync(7);
        var other = await RunAsync(8);
        Assert.True(first.Count > 60, $"{first.Count} lines");
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Over_the_following_weeks_most_dossiers_finish_early_some_on_the_appointment_day_a_few_late_as_planned()
    {
        using var f = new SimulationFixture(Monday8);
        var simulator = f.Simulator(60, seed: 3);
        // Intake only: 8 simulated office hours (~155 dossiers), then weeks of moves without new arrivals, in 5-minute jumps.
        for (int i = 0; i < 240; i++)
        {
            f.Clock.Advance(TimeSpan.FromSeconds(2));
            await simulator.StepAsync(TimeSpan.FromSeconds(2), intake: true, moves: false);
        }
        var calendar = new WorkingCalendar();
        var end = f.Clock.GetUtcNow().AddDays(42);
        while (f.Clock.GetUtcNow() < end)
        {
            f.Clock.Advance(TimeSpan.FromMinutes(5));
            if (!calendar.IsOfficeHours(f.Clock.GetUtcNow().UtcDateTime)) continue;
            var tick = await simulator.StepAsync(TimeSpan.FromMinutes(1), intake: false, moves: true);
            Assert.Equal(0, tick.Skipped);
        }

        await using var db = f.Db();
        var dossiers = await db.Dossiers.AsNoTracking().ToListAsync();
        var procedures = (await db.Procedures.AsNoTracking().Include(p => p.Steps).ToListAsync()).ToDictionary(p => p.Id);
        Assert.InRange(dossiers.Count, 120, 200);
        Assert.All(dossiers, d => Assert.True(DossierStateMachine.IsFinal(d.Status), $"{d.Code} still {d.Status}"));
        var done = dossiers.Where(d => d.Outcome is not null).ToList();
        int early = done.Count(d => d.Outcome == Outcome.Early), onTime = done.Count(d => d.Outcome == Outcome.OnTime), late = done.Count(d => d.Outcome == Outcome.Late);
        Assert.True(early > 0.7 * done.Count, $"{early} early, {onTime} on time, {late} late");
        Assert.InRange(onTime, 5, 0.25 * done.Count);
        Assert.InRange(late, 0, 0.08 * done.Count);
        Assert.Contains(dossiers, d => d.Status == DossierStatus.Returned && d.Satisfied is not null);

        // Each outcome is the one the planner meant, except where the calendar leaves no choice: a procedure of a few
        // working hours finished early is due the same day (on time), an on-time plan with no room on the day is early.
        var clock = new DeadlineClock(calendar);
        var planner = new DossierPlanner(3, 60, clock);
        var catalog = DemoCatalog.Create();
        int matches = 0;
        foreach (var d in done)
        {
            var p = procedures[d.ProcedureId];
            var cp = catalog.Procedures.Single(x => x.Code == p.Code);
            var pp = catalog.ProcedureProfiles[cp.Id];
            var dp = catalog.DepartmentProfiles[cp.DepartmentId];
            var sim = new SimProcedure
            {
                Id = p.Id, DepartmentId = p.DepartmentId, Procedure = p, Steps = p.Steps.OrderBy(s => s.Order).ToArray(),
                Statutory = clock.StatutoryTime(p.StatutoryAmount, p.StatutoryUnit), Weight = pp.Weight,
                OnTimeRate = pp.OnTimeRate ?? dp.OnTimeRate, LateRate = pp.LateRate ?? dp.LateRate, SupplementRate = 0,
                PostResultShare = 0, LateMeanDays = pp.LateMeanDays, ApologyRate = 0,
            };
            var meant = planner.FateOf(d.Id, sim) switch { Fate.Early => Outcome.Early, Fate.OnTime => Outcome.OnTime, _ => Outcome.Late };
            if (meant == d.Outcome) matches++;
        }
        Assert.True(matches >= 0.9 * done.Count, $"{matches} of {done.Count} as planned");
    }

    [Fact]
    public async Task On_a_month_of_demo_history_the_backlog_is_worked_through_without_breaking_a_rule()
    {
        // Wednesday 18 November 2026, 09:00: the generator leaves dossiers open at every step, some overdue.
        var now = SimulationFixture.Local(2026, 11, 18, 9, 0);
        using var f = new SimulationFixture(now, historyMonths: 1);
        await using var db = f.Db();
        var open = (await db.Dossiers.AsNoTracking().Where(d => d.Status != DossierStatus.Returned && d.Status != DossierStatus.Refused && d.Status != DossierStatus.Withdrawn)
            .Select(d => new { d.Id, d.Version, d.Status, d.AppointmentAt }).ToListAsync()).ToDictionary(d => d.Id);
        Assert.True(open.Count > 300, $"{open.Count} open");
        var overdueBefore = open.Values.Count(d => d.Status is DossierStatus.Received or DossierStatus.InProgress && d.AppointmentAt < now.UtcDateTime);
        Assert.True(overdueBefore > 5);

        var ticks = await f.RunAsync(f.Simulator(60, seed: 5), 120, TimeSpan.FromSeconds(1));

        Assert.Equal(0, ticks.Sum(t => t.Skipped));
        // The first second already moves something; the whole backlog is looked at within a few seconds.
        Assert.True(ticks[0].Moved > 0);
        var moved = await db.Dossiers.AsNoTracking().Where(d => open.Keys.Contains(d.Id)).Select(d => new { d.Id, d.Version, d.Status }).ToListAsync();
        int changed = moved.Count(d => d.Version != open[d.Id].Version);
        Assert.True(changed > open.Count / 3, $"{changed} of {open.Count} seeded open dossiers moved");
        // Overdue dossiers are finished late, over days, not all in the first minutes: the overdue figure stays realistic.
        var overdueAfter = await db.Dossiers.CountAsync(d => (d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress) && d.AppointmentAt < now.UtcDateTime);
        Assert.True(overdueAfter > 0, $"{overdueBefore} overdue before, {overdueAfter} after");
    }

    [Fact]
    public async Task Moves_are_picked_with_a_range_read_over_the_open_dossiers_index()
    {
        using var f = new SimulationFixture(Monday8);
        await using var db = f.Db();
        var sql = TrafficSimulator.OpenPage(db, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), 42, 150).ToQueryString();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var lines = sql.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        foreach (var line in lines.Where(l => l.StartsWith(".param set ")))
        {
            var parts = line[".param set ".Length..].Split(' ', 2);
            command.Parameters.AddWithValue(parts[0], parts[1].Trim('\''));
        }
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param")));
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        var text = string.Join(" | ", plan);
        Assert.Contains("USING INDEX IX_Dossiers_Open_Appointment (AppointmentAt>?)", text);
        Assert.DoesNotContain("TEMP B-TREE", text); // no sort of the whole set: the index gives the order
        Assert.DoesNotContain("SCAN", text);
    }
}
