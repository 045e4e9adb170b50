using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Simulation;
using OneStop.Domain.Staffing;

namespace OneStop.Tests.Domain.Simulation;

/// <summary>
/// One simulated run shared by the tests of <see cref="TrafficSimulatorTests"/>, at Speed 60 on the demo center:
/// (A) Monday 23 November 2026 from 08:00, 240 steps of 2 s = 8 simulated office hours; (B) the same evening from
/// 19:00, 240 steps of 1 s = 4 simulated hours after closing; (C) Tuesday from 07:30, 60 steps of 1 s.
/// </summary>
public sealed class SimulatedDayFixture : IDisposable
{
    public const double Speed = 60;
    public static readonly DateTimeOffset MondayMorning = SimulationFixture.Local(2026, 11, 23, 8, 0);
    public static readonly DateTimeOffset MondayEvening = SimulationFixture.Local(2026, 11, 23, 19, 0);
    public static readonly DateTimeOffset TuesdayOpening = SimulationFixture.Local(2026, 11, 24, 7, 30);

    public SimulationFixture F { get; } = new(MondayMorning);
    public List<SimulationTick> Office { get; }
    public List<SimulationTick> Evening { get; }
    public List<SimulationTick> NextMorning { get; }
    public List<Dossier> Dossiers { get; }
    public List<DossierEvent> Events { get; }
    public Dictionary<int, Staff> Staff { get; }
    public Dictionary<(int ProcedureId, int Order), ProcedureStep> Steps { get; }

    public SimulatedDayFixture()
    {
        var simulator = F.Simulator(Speed, seed: 7);
        Office = F.RunAsync(simulator, 240, TimeSpan.FromSeconds(2)).GetAwaiter().GetResult();
        F.Clock.Set(MondayEvening);
        Evening = F.RunAsync(simulator, 240, TimeSpan.FromSeconds(1)).GetAwaiter().GetResult();
        F.Clock.Set(TuesdayOpening);
        NextMorning = F.RunAsync(simulator, 60, TimeSpan.FromSeconds(1)).GetAwaiter().GetResult();

        using var db = F.Db();
        Dossiers = db.Dossiers.AsNoTracking().OrderBy(d => d.Id).ToList();
        Events = db.DossierEvents.AsNoTracking().OrderBy(e => e.Id).ToList();
        Staff = db.Staff.AsNoTracking().Include(s => s.Coverage).ToDictionary(s => s.Id);
        Steps = db.ProcedureSteps.AsNoTracking().ToDictionary(s => (s.ProcedureId, s.Order));
    }

    public void Dispose() => F.Dispose();
}

public sealed class TrafficSimulatorTests(SimulatedDayFixture run) : IClassFixture<SimulatedDayFixture>
{
    private static readonly WorkingCalendar Calendar = new();

    private bool InPhase(DateTime at, DateTimeOffset start, TimeSpan length) => at > start.UtcDateTime && at <= (start + length).UtcDateTime;
    private bool InOffice(DateTime at) => InPhase(at, SimulatedDayFixture.MondayMorning, TimeSpan.FromMinutes(8));
    private bool InEvening(DateTime at) => InPhase(at, SimulatedDayFixture.MondayEvening, TimeSpan.FromMinutes(4));
    private bool InNextMorning(DateTime at) => InPhase(at, SimulatedDayFixture.TuesdayOpening, TimeSpan.FromMinutes(1));

    private static (double Mean, double Tolerance) Poisson(double mean) => (mean, 4 * Math.Sqrt(mean) + 2);

    [Fact]
    public void Dossiers_arrive_in_office_hours_in_proportion_to_the_yearly_volumes_and_channel_mix()
    {
        // Expected: yearly volume over 250 working days of 7.5 office hours for counter and post; online spread over
        // the year's office hours plus a tenth of the other hours; × 8 simulated office hours.
        const double hours = 8;
        double officeHoursPerYear = 250 * 7.5, otherHoursPerYear = 365 * 24 - officeHoursPerYear;
        var received = run.Dossiers.Where(d => InOffice(d.ReceivedAt)).ToList();
        double expectedTotal = 0, expectedOnline = 0;
        foreach (var dept in run.F.Catalog.Departments)
        {
            var profile = run.F.Catalog.DepartmentProfiles[dept.Id];
            double online = profile.AnnualVolume * profile.OnlineShare / (officeHoursPerYear + 0.1 * otherHoursPerYear) * hours;
            double offline = profile.AnnualVolume * (1 - profile.OnlineShare) / officeHoursPerYear * hours;
            var (mean, tolerance) = Poisson(online + offline);
            int seen = received.Count(d => d.DepartmentId == dept.Id);
            Assert.True(Math.Abs(seen - mean) <= tolerance, $"{dept.Code}: {seen} received, expected {mean:F1} ± {tolerance:F1}");
            expectedTotal += online + offline;
            expectedOnline += online;
        }
        Assert.InRange(received.Count, expectedTotal - 4 * Math.Sqrt(expectedTotal), expectedTotal + 4 * Math.Sqrt(expectedTotal));
        Assert.InRange(expectedTotal, 140, 170); // about 19 a minute at Speed 60

        // Channel mix: online about three quarters of office-hour intake; post a small share.
        double onlineShare = expectedOnline / expectedTotal, n = received.Count;
        double sd = Math.Sqrt(n * onlineShare * (1 - onlineShare));
        Assert.InRange(received.Count(d => d.Channel == Channel.Online), n * onlineShare - 4 * sd, n * onlineShare + 4 * sd);
        Assert.Contains(received, d => d.Channel == Channel.Counter);
        // Sở Công Thương's dossiers are 99% online (seed 000), the biggest single stream.
        var sct = received.Where(d => d.DepartmentId == 16).ToList();
        Assert.True(sct.Count(d => d.Channel == Channel.Online) >= sct.Count - 2);
        Assert.Equal(received.Count, run.Office.Sum(t => t.Received));
    }

    [Fact]
    public void After_hours_only_online_dossiers_arrive_and_nothing_is_processed()
    {
        var evening = run.Events.Where(e => InEvening(e.At)).ToList();
        var byId = run.Dossiers.ToDictionary(d => d.Id);
        // 4 simulated hours after closing: ~5.7 online dossiers expected, no counter or post ones (~10 in office hours).
        Assert.All(evening, e => Assert.Equal(DossierEventType.Received, e.Type));
        Assert.All(evening, e => Assert.Equal(Channel.Online, byId[e.DossierId].Channel));
        Assert.InRange(evening.Count, 1, 17);
        Assert.All(run.Evening, t => Assert.False(t.OfficeHours));
        Assert.Equal(0, run.Evening.Sum(t => t.Moved));

        // There was work waiting all evening: it is picked up at the next opening, including what came in overnight.
        var morning = run.Events.Where(e => InNextMorning(e.At)).ToList();
        Assert.Contains(morning, e => e.Type != DossierEventType.Received);
        var overnight = evening.Select(e => e.DossierId).ToHashSet();
        Assert.Contains(morning, e => overnight.Contains(e.DossierId) && e.Type == DossierEventType.HandedOver);
    }

    [Fact]
    public void Counter_and_post_intake_and_all_processing_happen_in_office_hours_only()
    {
        var byId = run.Dossiers.ToDictionary(d => d.Id);
        foreach (var e in run.Events)
        {
            bool office = Calendar.IsOfficeHours(e.At);
            if (e.Type != DossierEventType.Received)
                Assert.True(office, $"{e.Type} of {byId[e.DossierId].Code} at {WorkingCalendar.ToLocal(e.At):HH:mm}");
            else if (byId[e.DossierId].Channel != Channel.Online)
                Assert.True(office, $"{byId[e.DossierId].Channel} intake of {byId[e.DossierId].Code} at {WorkingCalendar.ToLocal(e.At):HH:mm}");
        }
    }

    [Fact]
    public void Dossiers_move_through_their_steps_through_every_kind_of_move()
    {
        var types = run.Events.Select(e => e.Type).ToHashSet();
        foreach (var t in new[] { DossierEventType.Received, DossierEventType.HandedOver, DossierEventType.Assigned, DossierEventType.Approved, DossierEventType.Returned })
            Assert.Contains(t, types);
        // Many moves: at Speed 60 a simulated day is 7.5 real minutes, and most of the day's dossiers are handed on.
        Assert.True(run.Events.Count(e => e.Type != DossierEventType.Received) > run.Dossiers.Count, $"{run.Events.Count} events for {run.Dossiers.Count} dossiers");
        Assert.Contains(run.Dossiers, d => d.Status == DossierStatus.Returned);
        Assert.Contains(run.Dossiers, d => d is { ResultDelivery: ResultDelivery.Post, Status: DossierStatus.Returned } && d.PostalTrackingNumber is { Length: 13 } t && t.StartsWith("EL") && t.EndsWith("VN"));
        // Nobody else acted on the database: the simulator never tripped a workflow rule nor lost a race.
        Assert.Equal(0, run.Office.Concat(run.Evening).Concat(run.NextMorning).Sum(t => t.Skipped));
    }

    [Fact]
    public void Every_change_is_an_event_published_to_live_screens()
    {
        var trails = run.Events.GroupBy(e => e.DossierId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var d in run.Dossiers)
        {
            var trail = trails[d.Id];
            Assert.Equal(d.Version, trail.Count); // every change bumps the version and appends one event
            var last = trail[^1];
            Assert.Equal((d.Status, d.CurrentStep, d.CurrentHandlerId), (last.ToStatus, last.ToStep, last.ToHandlerId));
        }
        var published = run.F.Changes.Published.Select(c => c.EventId).ToList();
        Assert.Equal(run.Events.Select(e => e.Id), published.Order());
        var totalFromTicks = run.Office.Concat(run.Evening).Concat(run.NextMorning).Sum(t => t.Events.Values.Sum());
        Assert.Equal(run.Events.Count, totalFromTicks);
    }

    [Fact]
    public void Every_event_has_an_actor_of_the_right_role()
    {
        var byId = run.Dossiers.ToDictionary(d => d.Id);
        foreach (var e in run.Events)
        {
            var d = byId[e.DossierId];
            Assert.NotNull(e.ActorId);
            var a = run.Staff[e.ActorId!.Value];
            bool covered = run.Staff.Values.Any(s => s.Active && s.Role == StaffRole.PostalStaff && s.Coverage.Any(c => c.DepartmentId == d.DepartmentId));
            bool receiver = covered
                ? a.Role == StaffRole.PostalStaff && a.Coverage.Any(c => c.DepartmentId == d.DepartmentId)
                : a.Role == StaffRole.DepartmentOfficer && a.DepartmentId == d.DepartmentId;
            bool officer = a.Role == StaffRole.DepartmentOfficer && a.DepartmentId == d.DepartmentId;
            bool leader = a.Role == StaffRole.DepartmentLeader && a.DepartmentId == d.DepartmentId;
            var from = e.FromStep is { } o ? run.Steps[(d.ProcedureId, o)].Kind : StepKind.Reception;
            bool ok = e.Type switch
            {
                DossierEventType.Received or DossierEventType.Returned => receiver,
                DossierEventType.HandedOver => from switch
                {
                    StepKind.Reception => receiver,
                    StepKind.Approval => leader,
                    _ => officer || leader,
                },
                DossierEventType.Assigned => officer && e.ToHandlerId == a.Id || leader,
                DossierEventType.Approved or DossierEventType.ApologyIssued => leader,
                DossierEventType.SupplementRequested => from == StepKind.Reception ? receiver : officer,
                DossierEventType.Resumed => receiver || officer || leader,
                DossierEventType.Refused => from == StepKind.Reception ? receiver : leader,
                _ => false,
            };
            Assert.True(ok, $"{e.Type} of {d.Code} at step {e.FromStep} by {a.UserName} ({a.Role})");
        }
    }

    [Fact]
    public void Statuses_follow_the_status_machine()
    {
        foreach (var trail in run.Events.GroupBy(e => e.DossierId).Select(g => g.ToList()))
        {
            Assert.Equal(DossierEventType.Received, trail[0].Type);
            Assert.Null(trail[0].FromStatus);
            Assert.Equal(DossierStatus.Received, trail[0].ToStatus);
            for (int i = 1; i < trail.Count; i++)
            {
                var e = trail[i];
                Assert.Equal(trail[i - 1].ToStatus, e.FromStatus);
                var action = Demo.TrailChecks.ActionOf(e.Type) ?? throw new InvalidOperationException($"{e.Type} after intake");
                Assert.True(DossierStateMachine.CanApply(e.FromStatus!.Value, action), $"{action} from {e.FromStatus}");
                var resumeTo = e.ToStep == 1 ? DossierStatus.Received : DossierStatus.InProgress;
                Assert.Equal(DossierStateMachine.Next(e.FromStatus.Value, action, resumeTo), e.ToStatus);
                Assert.True(e.At >= trail[i - 1].At);
            }
        }
    }
}
