using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence.Demo;
using OneStop.Domain.Simulation;
using Xunit.Abstractions;

namespace OneStop.Tests.Domain.Simulation;

/// <summary>
/// A demo that can run for a month: a simulated month on the fake clock, from the seeded history, with the held backlog
/// the simulator creates at start (<see cref="HeldBacklog"/>). Without it the open count climbs for weeks (the dossiers
/// meant to be on time or late wait for their real appointments while S times as many arrive) and too few of the
/// closures are on time or late.
/// </summary>
/// <remarks>
/// A smaller center to keep it cheap: Sở Xây dựng alone (2,500 dossiers a year; 12% on time and 2% late by the seeds;
/// six procedures of 10 to 20 working days), at Speed 8, about 1,700 dossiers received in the month, in steps of 10
/// minutes of the clock in office hours and of an hour at night. The other departments' seeded dossiers stay as they are and are not counted.
/// </remarks>
public sealed class TrafficSimulatorMonthTests(ITestOutputHelper output)
{
    private const double Speed = 8;
    private const double OpenTolerance = 0.20;
    /// <summary>
    /// Relative tolerance on the on-time and late shares of the month's closures. Of about 1,550 closures, about 185 on time and
    /// 36 late are expected: the counts' own noise is about 7% and 17%; the rest is the calendar (a short procedure meant to be
    /// early that falls on its appointment day is on time) and the seeded dossiers found overdue (finished late).
    /// </summary>
    private const double ShareTolerance = 0.35;

    [Fact]
    public async Task Over_a_simulated_month_the_open_count_stays_level_and_closures_keep_the_seeds_rates()
    {
        var start = SimulationFixture.Local(2026, 11, 2, 0, 0); // a Monday, the history generated up to it
        using var f = new SimulationFixture(start, historyMonths: 2);
        var dept = f.Catalog.Departments.Single(d => d.Id == DemoCatalog.SoXayDung);
        var simulator = f.Simulator(Speed, seed: 11, o => o with
        {
            TopUpHeldBacklog = true,
            Departments = new HashSet<string> { dept.Code },
            MaxStep = TimeSpan.FromHours(1),
        });

        var weekly = new List<int>();
        var calendar = (await f.Calendars.GetClockAsync()).Calendar;
        for (int week = 1; week <= 4; week++)
        {
            var end = start.AddDays(7 * week);
            while (f.Clock.GetUtcNow() < end)
            {
                // Steps of 10 minutes in and around office hours (moves), of an hour at night (online intake only).
                var now = f.Clock.GetUtcNow().UtcDateTime;
                var step = calendar.IsOfficeHours(now) || calendar.IsOfficeHours(now.AddHours(1)) ? TimeSpan.FromMinutes(10) : TimeSpan.FromHours(1);
                f.Clock.Advance(step);
                await simulator.StepAsync(step);
            }
            weekly.Add(await OpenCountAsync(f, dept.Id));
        }

        var (closed, onTime, late, expectedOnTime, expectedLate) = await ClosuresAsync(f, dept.Id, start.UtcDateTime);
        output.WriteLine($"open after each week: {string.Join(", ", weekly)}");
        output.WriteLine($"closed {closed}: on time {onTime} ({(double)onTime / closed:P1}, seeds {expectedOnTime:P1}), late {late} ({(double)late / closed:P1}, seeds {expectedLate:P1})");

        Assert.True(weekly[0] > 100, $"{weekly[0]} open after the first week");
        for (int w = 1; w < weekly.Count; w++)
            Assert.True(Math.Abs(weekly[w] - weekly[0]) <= OpenTolerance * weekly[0],
                $"open after week {w + 1}: {weekly[w]}, after week 1: {weekly[0]} (±{OpenTolerance:P0}); all weeks: {string.Join(", ", weekly)}");
        Assert.True(closed > 1000, $"{closed} closed");
        Assert.InRange((double)onTime / closed, expectedOnTime * (1 - ShareTolerance), expectedOnTime * (1 + ShareTolerance));
        Assert.InRange((double)late / closed, expectedLate * (1 - ShareTolerance), expectedLate * (1 + ShareTolerance));

        // A restart after the month (same speed): the backlog is there already, so little is added.
        await using var db = f.Db();
        var clock = await f.Calendars.GetClockAsync();
        var world = await SimulationWorld.LoadAsync(db, clock, CancellationToken.None);
        var again = await HeldBacklog.TopUpAsync(db, world.Departments.Where(d => d.Id == dept.Id), clock, simulator.Options,
            f.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);
        output.WriteLine($"restart: {again}");
        Assert.True(again.Wanted > 100 && again.Created <= 0.25 * again.Wanted, $"restart: {again}");
    }

    [Fact]
    public async Task With_the_held_backlog_every_open_dossier_is_still_looked_at_within_MaxSweep()
    {
        // Speed 60 on Sở Xây dựng alone: about 1,500 held dossiers at start, far more than PagePerSecond (10 here) reads in MaxSweep.
        using var f = new SimulationFixture(SimulationFixture.Local(2026, 11, 23, 9, 0));
        var dept = f.Catalog.Departments.Single(d => d.Id == DemoCatalog.SoXayDung);
        var sweep = TimeSpan.FromSeconds(3);
        var simulator = f.Simulator(60, seed: 11, o => o with
        {
            TopUpHeldBacklog = true, Departments = new HashSet<string> { dept.Code }, PagePerSecond = 10, MaxSweep = sweep,
        });
        var first = await f.RunAsync(simulator, 1, TimeSpan.FromSeconds(1));
        int open = await OpenCountAsync(f, dept.Id);
        Assert.True(open > 1000, $"{open} open after the top-up");

        // From the first step on, pages of about open ÷ MaxSweep a second: one pass over them all within MaxSweep (and a
        // second or two for the moves the budget defers), where 10 a second would take minutes.
        int examined = first[0].Examined, steps = 1;
        while (examined < open && steps < 30)
        {
            examined += (await f.RunAsync(simulator, 1, TimeSpan.FromSeconds(1)))[0].Examined;
            steps++;
        }
        output.WriteLine($"{open} open, looked at in {steps} steps of 1 s");
        Assert.True(steps <= sweep.TotalSeconds + 2, $"{examined} of {open} looked at in {steps} steps of 1 s");
    }

    private static async Task<int> OpenCountAsync(SimulationFixture f, int departmentId)
    {
        await using var db = f.Db();
        return await db.Dossiers.CountAsync(d => d.DepartmentId == departmentId && d.Status != DossierStatus.Returned
            && d.Status != DossierStatus.Refused && d.Status != DossierStatus.Withdrawn);
    }

    /// <summary>The dossiers with an outcome (approved) in the month, and the shares the seeds give their procedures.</summary>
    private static async Task<(int Closed, int OnTime, int Late, double ExpectedOnTime, double ExpectedLate)> ClosuresAsync(
        SimulationFixture f, int departmentId, DateTime since)
    {
        await using var db = f.Db();
        var done = await db.Dossiers.AsNoTracking()
            .Where(d => d.DepartmentId == departmentId && d.Outcome != null && d.CompletedAt >= since)
            .Select(d => new { d.ProcedureId, d.Outcome }).ToListAsync();
        var codes = await db.Procedures.AsNoTracking().Where(p => p.DepartmentId == departmentId).ToDictionaryAsync(p => p.Id, p => p.Code);
        var deptProfile = f.Catalog.DepartmentProfiles[DemoCatalog.SoXayDung];
        var rates = f.Catalog.Procedures.Where(p => p.DepartmentId == DemoCatalog.SoXayDung).ToDictionary(p => p.Code, p =>
        {
            var pp = f.Catalog.ProcedureProfiles[p.Id];
            return (OnTime: pp.OnTimeRate ?? deptProfile.OnTimeRate, Late: pp.LateRate ?? deptProfile.LateRate);
        });
        double expectedOnTime = done.Average(d => rates[codes[d.ProcedureId]].OnTime);
        double expectedLate = done.Average(d => rates[codes[d.ProcedureId]].Late);
        return (done.Count, done.Count(d => d.Outcome == Outcome.OnTime), done.Count(d => d.Outcome == Outcome.Late), expectedOnTime, expectedLate);
    }
}
