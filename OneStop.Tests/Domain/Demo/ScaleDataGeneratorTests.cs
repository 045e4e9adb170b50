using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Domain.Persistence.Demo;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Domain.Demo;

/// <summary>Two years, 20,000 dossiers (1,000 open), written by the scale generator into a real SQLite file once for the class.</summary>
public sealed class ScaleDataFixture : IDisposable
{
    public static readonly ScaleDataOptions Options = new(20_000, 1_000, 2, ScaleDataGenerator.DefaultNowUtc, Seed: 7);
    private readonly TempFolder _folder = new();

    public ScaleDataFixture()
    {
        var options = new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite($"Data Source={_folder.File("scale.db")}").Options;
        using var db = new OneStopDbContext(options);
        db.Database.Migrate();
        Summary = ScaleDataGenerator.WriteAsync(db, Options).GetAwaiter().GetResult();
        Dossiers = db.Dossiers.AsNoTracking().OrderBy(d => d.Id).ToList();
        Events = db.DossierEvents.AsNoTracking().OrderBy(e => e.Id).ToList();
        Pauses = db.DossierPauses.AsNoTracking().ToList();
        Catalog = DemoCatalog.Create();
    }

    public ScaleDataSummary Summary { get; }
    public List<Dossier> Dossiers { get; }
    public List<DossierEvent> Events { get; }
    public List<DossierPause> Pauses { get; }
    public DemoCatalogData Catalog { get; }

    public void Dispose() => _folder.Dispose();
}

/// <summary>The benchmark data are only as good as they are real: events, status and outcome agree; volumes follow the demo's mix.</summary>
public sealed class ScaleDataGeneratorTests(ScaleDataFixture f) : IClassFixture<ScaleDataFixture>
{
    private Dictionary<long, List<DossierEvent>> Trails() => f.Events.GroupBy(e => e.DossierId).ToDictionary(g => g.Key, g => g.ToList());

    [Fact]
    public void Every_trail_follows_the_state_machine_and_ends_where_its_dossier_stands()
    {
        Assert.Equal((20_000, 1_000), (f.Dossiers.Count, f.Dossiers.Count(d => d.IsOpen)));
        Assert.Equal(f.Events.Count, f.Summary.Events);
        Assert.True(f.Events.Count > 4 * f.Dossiers.Count, $"{f.Events.Count} events");
        TrailChecks.AssertConsistent(f.Dossiers, f.Events, f.Catalog.Procedures, f.Catalog.Steps, ScaleDataFixture.Options.NowUtc);
    }

    [Fact]
    public void Completion_return_refusal_pauses_and_apologies_are_on_the_trail_at_their_instants()
    {
        var trails = Trails();
        var pauses = f.Pauses.ToLookup(p => p.DossierId);
        foreach (var d in f.Dossiers)
        {
            var t = trails[d.Id];
            DateTime? At(DossierEventType type) => t.SingleOrDefault(e => e.Type == type)?.At;
            if (d.Status is DossierStatus.ResultReady or DossierStatus.Returned) Assert.Equal(d.CompletedAt, At(DossierEventType.Approved));
            Assert.Equal(d.Status == DossierStatus.Returned ? d.ReturnedAt : null, At(DossierEventType.Returned));
            Assert.Equal(d.Status == DossierStatus.Refused ? d.CompletedAt : null, At(DossierEventType.Refused));
            Assert.Equal(d.Status == DossierStatus.Withdrawn ? d.CompletedAt : null, At(DossierEventType.Withdrawn));
            Assert.Equal(d.ApologyIssued, t.Any(e => e.Type == DossierEventType.ApologyIssued));

            var pause = pauses[d.Id].SingleOrDefault();
            Assert.Equal(pause?.StartedAt, At(DossierEventType.SupplementRequested));
            Assert.Equal(pause?.EndedAt, At(DossierEventType.Resumed));
            Assert.Equal(d.Status == DossierStatus.WaitingSupplement, pause is { EndedAt: null });
            if (d.Status == DossierStatus.WaitingSupplement) Assert.Equal(d.PausedSince, pause!.StartedAt);
        }
    }

    [Fact]
    public void Outcomes_agree_with_the_deadline_clock()
    {
        var clock = new DeadlineClock(new WorkingCalendar());
        var procs = f.Catalog.Procedures.ToDictionary(p => p.Id);
        var pauses = f.Pauses.ToLookup(p => p.DossierId);
        foreach (var d in f.Dossiers)
        {
            var p = procs[d.ProcedureId];
            Assert.Equal(clock.Appointment(d.ReceivedAt, p.StatutoryAmount, p.StatutoryUnit), d.OriginalAppointmentAt);
            if (d.Status is not (DossierStatus.ResultReady or DossierStatus.Returned)) { Assert.Null(d.Outcome); continue; }
            var intervals = pauses[d.Id].Select(x => new PauseInterval(x.StartedAt, x.EndedAt)).ToList();
            var due = intervals.Count == 0 ? d.OriginalAppointmentAt
                : clock.AppointmentWithPauses(d.ReceivedAt, clock.StatutoryTime(p.StatutoryAmount, p.StatutoryUnit), intervals, ScaleDataFixture.Options.NowUtc);
            Assert.Equal(clock.OutcomeOf(d.CompletedAt!.Value, due), d.Outcome);
            if (d.ApologyIssued) Assert.Equal(Outcome.Late, d.Outcome);
        }
    }

    [Fact]
    public void Volumes_follow_the_demo_mix()
    {
        var profiles = f.Catalog.DepartmentProfiles.Values.Where(p => p.AnnualVolume > 0).ToList();
        double totalVolume = profiles.Sum(p => p.AnnualVolume);
        var byDept = f.Dossiers.GroupBy(d => d.DepartmentId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var p in profiles.Where(p => p.AnnualVolume / totalVolume >= 0.05))
        {
            var mine = byDept[p.DepartmentId];
            // Department share of intake within 15% of its yearly volume's share.
            var share = (double)mine.Count / f.Dossiers.Count;
            var expected = p.AnnualVolume / totalVolume;
            Assert.InRange(share, expected * 0.85, expected * 1.15);
            // Channel mix within 5 points (procedures that do not allow a channel move a little).
            var online = (double)mine.Count(d => d.Channel == Channel.Online) / mine.Count;
            Assert.InRange(online, p.OnlineShare - 0.05, p.OnlineShare + 0.05);
        }
        // Outcomes: mostly early, then on time, a small late share, as in the seeds.
        var resolved = f.Dossiers.Where(d => d.Outcome is not null).ToList();
        double Rate(Outcome o) => (double)resolved.Count(d => d.Outcome == o) / resolved.Count;
        Assert.InRange(Rate(Outcome.Early), 0.70, 0.95);
        Assert.InRange(Rate(Outcome.Late), 0.003, 0.06);
        Assert.InRange((double)f.Dossiers.Count(d => d.Status is DossierStatus.Refused or DossierStatus.Withdrawn) / f.Dossiers.Count, 0.008, 0.025);
    }
}
