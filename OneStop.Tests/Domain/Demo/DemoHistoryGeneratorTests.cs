using System.Diagnostics;
using System.Text.RegularExpressions;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence.Demo;
using OneStop.Domain.Staffing;

namespace OneStop.Tests.Domain.Demo;

/// <summary>One year of history generated once for the whole class: Wednesday 19 November 2025, 10:15 local, seed 42.</summary>
public sealed class DemoHistoryFixture
{
    public static readonly DateTime Now = WorkingCalendar.ToUtc(new DateTime(2025, 11, 19, 10, 15, 0));
    public const int Seed = 42;

    public DemoHistoryFixture()
    {
        Clock = new DeadlineClock(new WorkingCalendar());
        Catalog = DemoCatalog.Create();
        Data = DemoHistoryGenerator.Generate(Catalog, Clock, Now, Seed);
    }

    public DeadlineClock Clock { get; }
    public DemoCatalogData Catalog { get; }
    public DemoData Data { get; }
}

public class DemoHistoryGeneratorTests(DemoHistoryFixture f) : IClassFixture<DemoHistoryFixture>
{
    private DemoData D => f.Data;
    private DateTime Now => DemoHistoryFixture.Now;
    private DeadlineClock Clock => f.Clock;

    private Dictionary<long, List<DossierEvent>> EventsByDossier() =>
        D.Events.GroupBy(e => e.DossierId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Id).ToList());

    private ProcedureStep StepOf(Dossier d) => D.Steps.Single(s => s.ProcedureId == d.ProcedureId && s.Order == d.CurrentStep);

    private List<Dossier> Open => D.Dossiers.Where(d => d.IsOpen).ToList();

    [Fact]
    public void Ids_are_assigned_in_order()
    {
        Assert.Equal(Enumerable.Range(1, D.Dossiers.Count).Select(i => (long)i), D.Dossiers.Select(d => d.Id));
        for (int i = 1; i < D.Dossiers.Count; i++) Assert.True(D.Dossiers[i - 1].ReceivedAt <= D.Dossiers[i].ReceivedAt);
        Assert.Equal(Enumerable.Range(1, D.Events.Count).Select(i => (long)i), D.Events.Select(e => e.Id));
        for (int i = 1; i < D.Events.Count; i++) Assert.True(D.Events[i - 1].At <= D.Events[i].At);
        Assert.Equal(Enumerable.Range(1, D.Pauses.Count).Select(i => (long)i), D.Pauses.Select(p => p.Id));
        for (int i = 1; i < D.Pauses.Count; i++) Assert.True(D.Pauses[i - 1].DossierId < D.Pauses[i].DossierId);
    }

    [Fact]
    public void Every_trail_is_consistent_with_its_dossier_and_the_state_machine() =>
        TrailChecks.AssertConsistent(D.Dossiers, D.Events, D.Procedures, D.Steps, Now);

    [Fact]
    public void Handlers_are_the_right_people()
    {
        var staff = D.Staff.ToDictionary(s => s.Id);
        var depts = D.Departments.ToDictionary(x => x.Id);
        var steps = D.Steps.ToDictionary(s => (s.ProcedureId, s.Order));
        var dossiers = D.Dossiers.ToDictionary(d => d.Id);
        foreach (var e in D.Events)
        {
            var d = dossiers[e.DossierId];
            var step = steps[(d.ProcedureId, e.ToStep)];
            if (e.ToHandlerId is int h)
            {
                var s = staff[h];
                switch (step.Kind)
                {
                    case StepKind.Reception or StepKind.Return when depts[d.DepartmentId].PostalCovered:
                        Assert.Equal(StaffRole.PostalStaff, s.Role);
                        Assert.Contains(D.Coverage, c => c.StaffId == h && c.DepartmentId == d.DepartmentId);
                        break;
                    case StepKind.Reception or StepKind.Return or StepKind.Processing:
                        Assert.Equal((StaffRole.DepartmentOfficer, (int?)d.DepartmentId), (s.Role, s.DepartmentId));
                        break;
                    case StepKind.Approval:
                        Assert.Equal((StaffRole.DepartmentLeader, (int?)d.DepartmentId), (s.Role, s.DepartmentId));
                        break;
                    default:
                        Assert.Fail($"{d.Code}: an inter-agency step with a handler");
                        break;
                }
            }
            else if (e.ToStatus is not (DossierStatus.Returned or DossierStatus.Refused or DossierStatus.Withdrawn))
                Assert.Equal(StepKind.InterAgency, step.Kind);
            if (e.Type == DossierEventType.HandedOver && step.Kind == StepKind.InterAgency)
                Assert.Equal(step.Agency, e.Note);
            if (e.Type != DossierEventType.Received) Assert.NotNull(e.ActorId);
        }
    }

    [Fact]
    public void Appointments_and_outcomes_agree_with_the_deadline_clock()
    {
        var procs = D.Procedures.ToDictionary(p => p.Id);
        var pauses = D.Pauses.ToLookup(p => p.DossierId);
        int checkedOutcomes = 0;
        foreach (var d in D.Dossiers)
        {
            var p = procs[d.ProcedureId];
            Assert.Equal(Clock.Appointment(d.ReceivedAt, p.StatutoryAmount, p.StatutoryUnit), d.OriginalAppointmentAt);
            var intervals = pauses[d.Id].Select(x => new PauseInterval(x.StartedAt, x.EndedAt)).ToList();
            var due = intervals.Count == 0 ? d.OriginalAppointmentAt
                : Clock.AppointmentWithPauses(d.ReceivedAt, Clock.StatutoryTime(p.StatutoryAmount, p.StatutoryUnit), intervals, Now);
            if (!d.ApologyIssued) Assert.Equal(due, d.AppointmentAt);
            if (d.Status is DossierStatus.ResultReady or DossierStatus.Returned)
            {
                Assert.NotNull(d.CompletedAt);
                var expected = d.ApologyIssued ? Outcome.Late : Clock.OutcomeOf(d.CompletedAt!.Value, due);
                Assert.Equal(expected, d.Outcome);
                // Lateness is judged before the letter: an apology only goes to dossiers that are late anyway.
                if (d.ApologyIssued) Assert.Equal(Outcome.Late, Clock.OutcomeOf(d.CompletedAt!.Value, due));
                checkedOutcomes++;
            }
            else Assert.Null(d.Outcome);
            if (d.Status == DossierStatus.Returned) Assert.True(d.ReturnedAt >= d.CompletedAt);
            if (d.Status is DossierStatus.Refused or DossierStatus.Withdrawn) Assert.NotNull(d.CompletedAt);
            if (d.IsOpen && d.Status != DossierStatus.ResultReady) Assert.Null(d.CompletedAt);
        }
        Assert.True(checkedOutcomes > 40_000);
    }

    [Fact]
    public void Apology_letters_make_dossiers_late_and_move_the_appointment()
    {
        var trails = EventsByDossier();
        var withLetter = D.Dossiers.Where(d => d.ApologyIssued).ToList();
        Assert.True(withLetter.Count >= 50, $"{withLetter.Count} letters");
        foreach (var d in withLetter)
        {
            var letter = Assert.Single(trails[d.Id], e => e.Type == DossierEventType.ApologyIssued);
            Assert.Contains("Phiếu xin lỗi", letter.Note);
            Assert.Contains(WorkingCalendar.ToLocal(d.AppointmentAt).ToString("dd/MM/yyyy"), letter.Note);
            if (d.Outcome is not null) Assert.Equal(Outcome.Late, d.Outcome);
            Assert.True(d.AppointmentAt > d.OriginalAppointmentAt);
        }
        Assert.All(D.Dossiers.Where(d => !d.ApologyIssued), d => Assert.DoesNotContain(trails[d.Id], e => e.Type == DossierEventType.ApologyIssued));
    }

    [Fact]
    public void Pauses_match_the_supplement_events()
    {
        var trails = EventsByDossier();
        var dossiers = D.Dossiers.ToDictionary(d => d.Id);
        Assert.True(D.Pauses.Count > 1000);
        foreach (var p in D.Pauses)
        {
            var d = dossiers[p.DossierId];
            var t = trails[d.Id];
            Assert.Equal(p.StartedAt, Assert.Single(t, e => e.Type == DossierEventType.SupplementRequested).At);
            Assert.False(string.IsNullOrWhiteSpace(p.Reason));
            Assert.True(p.StartedAt <= Now);
            if (p.EndedAt is { } end)
            {
                Assert.True(end <= Now && end >= p.StartedAt);
                Assert.Null(d.PausedSince);
                Assert.Equal((int)Math.Round(Clock.Calendar.WorkingTimeBetween(p.StartedAt, end).TotalMinutes), d.PausedWorkingMinutes);
                var resumed = t.SingleOrDefault(e => e.Type == DossierEventType.Resumed);
                if (resumed is not null) Assert.Equal(end, resumed.At);
                else Assert.Contains(d.Status, new[] { DossierStatus.Refused, DossierStatus.Withdrawn });
                Assert.True(d.AppointmentAt > d.OriginalAppointmentAt || d.PausedWorkingMinutes == 0 || d.ApologyIssued);
            }
            else
            {
                Assert.Equal(DossierStatus.WaitingSupplement, d.Status);
                Assert.Equal(p.StartedAt, d.PausedSince);
                Assert.Equal(0, d.PausedWorkingMinutes);
            }
        }
        Assert.All(D.Dossiers.Where(d => d.Status == DossierStatus.WaitingSupplement),
            d => Assert.Contains(D.Pauses, p => p.DossierId == d.Id && p.EndedAt is null));
        Assert.All(D.Dossiers.Where(d => d.PausedWorkingMinutes > 0), d => Assert.Contains(D.Pauses, p => p.DossierId == d.Id));
    }

    [Fact]
    public void Nothing_is_in_the_future_and_intake_is_in_office_hours()
    {
        var cal = Clock.Calendar;
        var sessions = cal.Hours.Sessions;
        foreach (var d in D.Dossiers)
        {
            Assert.True(d.ReceivedAt < Now);
            Assert.True(d.StepEnteredAt <= Now);
            Assert.True(d.CompletedAt is null || d.CompletedAt <= Now);
            Assert.True(d.ReturnedAt is null || d.ReturnedAt <= Now);
            Assert.True(d.PausedSince is null || d.PausedSince <= Now);
            var local = WorkingCalendar.ToLocal(d.ReceivedAt);
            Assert.True(cal.IsWorkingDay(DateOnly.FromDateTime(local)), d.Code);
            var tod = TimeOnly.FromDateTime(local);
            Assert.Contains(sessions, s => tod >= s.Start && tod < s.End);
            Assert.Equal(DateTimeKind.Utc, d.ReceivedAt.Kind);
        }
        Assert.True(D.Dossiers[0].ReceivedAt >= Now.AddMonths(-12).AddDays(-1));
        Assert.True(D.Dossiers[^1].ReceivedAt > Now.AddDays(-1));
    }

    [Fact]
    public void Open_dossiers_exist_in_every_non_final_status_and_step_kind()
    {
        var open = Open;
        Assert.InRange(open.Count, 200, 1500);
        Assert.Contains(open, d => d.Status == DossierStatus.Received && StepOf(d).Kind == StepKind.Reception);
        Assert.Contains(open, d => d.Status == DossierStatus.InProgress && StepOf(d).Kind == StepKind.Processing);
        Assert.Contains(open, d => d.Status == DossierStatus.InProgress && StepOf(d).Kind == StepKind.Approval);
        Assert.Contains(open, d => d.Status == DossierStatus.InProgress && StepOf(d).Kind == StepKind.InterAgency && d.CurrentHandlerId is null);
        Assert.Contains(open, d => d.Status == DossierStatus.WaitingSupplement && d.PausedSince is not null);
        Assert.Contains(open, d => d.Status == DossierStatus.ResultReady && StepOf(d).Kind == StepKind.Return);
        Assert.Contains(D.Dossiers, d => d.Status == DossierStatus.Refused);
        Assert.Contains(D.Dossiers, d => d.Status == DossierStatus.Withdrawn);
        Assert.Contains(D.Events, e => e.Type == DossierEventType.SentBack);
        // Some are due within one working day, some overdue, a few overdue even after an apology letter.
        var unresolved = open.Where(d => d.Status != DossierStatus.ResultReady).ToList();
        Assert.True(unresolved.Count(d => Clock.Remaining(d.AppointmentAt, Now) is var r && r >= TimeSpan.Zero && r <= Clock.Calendar.Hours.DayLength) >= 10);
        Assert.True(unresolved.Count(d => d.AppointmentAt < Now) >= 5);
        Assert.True(unresolved.Count(d => d.AppointmentAt < Now && d.ApologyIssued) >= 1);
        Assert.True(open.Count(d => d.ApologyIssued) >= 3);
    }

    [Fact]
    public void Volumes_follow_the_seed_figures()
    {
        var code = D.Departments.ToDictionary(d => d.Id, d => d.Code);
        int Count(IEnumerable<string> codes) => D.Dossiers.Count(d => codes.Contains(code[d.DepartmentId]));
        AssertWithin(DemoCatalog.LowVolumeYearly, Count(DemoCatalog.LowVolumeCodes));
        AssertWithin(DemoCatalog.HighVolumeYearly, Count(DemoCatalog.HighVolumeCodes));
        AssertWithin(DemoCatalog.CongThuongYearly, Count(["SCT"]));
        AssertWithin(DemoCatalog.GiaoThongYearly, Count(["SGTVT"]));
        Assert.InRange(D.Dossiers.Count, 40_000, 52_000);

        static void AssertWithin(int target, int actual) =>
            Assert.True(Math.Abs(actual - target) <= target * 0.15, $"{actual} vs {target}");
    }

    [Fact]
    public void Intake_dips_after_Tet()
    {
        // Tết 2025 (Ất Tỵ) is 29 January: no intake during the break, and the first working days after it are quiet.
        var perDay = D.Dossiers.GroupBy(d => WorkingCalendar.LocalDate(d.ReceivedAt)).ToDictionary(g => g.Key, g => g.Count());
        double average = perDay.Values.Average();
        var tet = new DateOnly(2025, 1, 29);
        Assert.False(Clock.Calendar.IsWorkingDay(tet));
        Assert.DoesNotContain(tet, perDay.Keys);
        var after = new List<DateOnly>();
        for (var day = tet; after.Count < 3; day = day.AddDays(1))
            if (Clock.Calendar.IsWorkingDay(day)) after.Add(day);
        Assert.True(after.Average(d => perDay.GetValueOrDefault(d)) < average * 0.6, string.Join(", ", after.Select(d => $"{d}: {perDay.GetValueOrDefault(d)}")));
    }

    [Fact]
    public void Channels_follow_the_seeds()
    {
        var sct = D.Dossiers.Where(d => d.DepartmentId == DemoCatalog.SoCongThuong).ToList();
        Assert.True(sct.Count(d => d.Channel == Channel.Online) >= sct.Count * 0.98);
        Assert.InRange(D.Dossiers.Count(d => d.Channel == Channel.Online) / (double)D.Dossiers.Count, 0.75, 0.95);
        Assert.Contains(D.Dossiers, d => d.Channel == Channel.Counter);
        Assert.Contains(D.Dossiers, d => d.Channel == Channel.Post);
        var procs = D.Procedures.ToDictionary(p => p.Id);
        Assert.All(D.Dossiers, d => Assert.True(procs[d.ProcedureId].Allows(d.Channel)));
        Assert.All(D.Dossiers.Where(d => d.ResultDelivery == ResultDelivery.Post), d => Assert.True(procs[d.ProcedureId].ResultByPost));
        var posted = D.Dossiers.Where(d => d.ResultDelivery == ResultDelivery.Post && d.Status == DossierStatus.Returned).ToList();
        Assert.True(posted.Count > 1000);
        Assert.All(posted, d => Assert.True(IsValidS10(d.PostalTrackingNumber!), d.PostalTrackingNumber));
        Assert.Equal(posted.Count, posted.Select(d => d.PostalTrackingNumber).Distinct().Count());
        Assert.All(D.Dossiers.Where(d => d.PostalTrackingNumber is not null), d => Assert.Equal(ResultDelivery.Post, d.ResultDelivery));
    }

    private static bool IsValidS10(string s)
    {
        if (!Regex.IsMatch(s, @"^EL\d{9}VN$")) return false;
        int[] w = [8, 6, 4, 2, 3, 5, 9, 7];
        int sum = 0;
        for (int i = 0; i < 8; i++) sum += (s[2 + i] - '0') * w[i];
        int check = 11 - sum % 11;
        check = check == 10 ? 0 : check == 11 ? 5 : check;
        return s[10] - '0' == check;
    }

    [Fact]
    public void Outcomes_follow_the_seeds()
    {
        var done = D.Dossiers.Where(d => d.Outcome is not null).ToList();
        double early = done.Count(d => d.Outcome == Outcome.Early) / (double)done.Count;
        double onTime = done.Count(d => d.Outcome == Outcome.OnTime) / (double)done.Count;
        double late = done.Count(d => d.Outcome == Outcome.Late) / (double)done.Count;
        Assert.InRange(early, 0.85, 0.90);
        Assert.InRange(onTime, 0.09, 0.13);
        Assert.InRange(late, 0.01, 0.02);

        // Seed 000: the 12-day award procedure is late again and again.
        var award = done.Where(d => d.ProcedureId == DemoCatalog.AwardProcedureId).ToList();
        double awardLate = award.Count(d => d.Outcome == Outcome.Late) / (double)award.Count;
        Assert.True(award.Count >= 80, $"{award.Count} award dossiers");
        Assert.InRange(awardLate, 0.18, 0.45);
        Assert.Contains(award, d => d.ApologyIssued);
    }

    [Fact]
    public void Applicants_look_real()
    {
        Assert.All(D.Dossiers.Take(5000), d =>
        {
            Assert.InRange(d.ApplicantName.Split(' ').Length, 3, 4);
            Assert.Matches(@"^0[3789]\d{8}$", d.ApplicantPhone);
            Assert.Matches(@"^\d{12}$", d.ApplicantIdNumber);
            Assert.EndsWith("tỉnh Quảng Trị", d.ApplicantAddress);
        });
        string[] districts = ["Đông Hà", "thị xã Quảng Trị", "Vĩnh Linh", "Gio Linh", "Cam Lộ", "Triệu Phong", "Hải Lăng", "Hướng Hóa", "Đakrông"];
        Assert.All(districts, x => Assert.Contains(D.Dossiers, d => d.ApplicantAddress!.Contains(x)));
        Assert.True(D.Dossiers.Count(d => d.ApplicantName.StartsWith("Nguyễn ")) > D.Dossiers.Count / 5);
        Assert.True(D.Dossiers.Select(d => d.ApplicantName).Distinct().Count() > 3000);
    }

    [Fact]
    public void Codes_are_unique_and_carry_department_and_local_date()
    {
        var dept = D.Departments.ToDictionary(d => d.Id, d => d.Code);
        Assert.Equal(D.Dossiers.Count, D.Dossiers.Select(d => d.Code).Distinct().Count());
        Assert.All(D.Dossiers, d =>
            Assert.Equal($"{dept[d.DepartmentId]}-{WorkingCalendar.ToLocal(d.ReceivedAt):yyMMdd}-", d.Code[..^4]));
        Assert.All(D.Dossiers, d => Assert.Matches(@"-\d{4}$", d.Code));
    }

    [Fact]
    public void The_same_seed_gives_the_same_data_and_another_seed_does_not()
    {
        var again = DemoHistoryGenerator.Generate(DemoCatalog.Create(), Clock, Now, DemoHistoryFixture.Seed);
        Assert.Equal(D.Dossiers.Select(d => d.Code), again.Dossiers.Select(d => d.Code));
        Assert.Equal(D.Dossiers.Select(d => (d.ApplicantName, d.Status, d.AppointmentAt)), again.Dossiers.Select(d => (d.ApplicantName, d.Status, d.AppointmentAt)));
        Assert.Equal(D.Events.Count, again.Events.Count);
        Assert.Equal(D.Events[^1].At, again.Events[^1].At);
        var other = DemoHistoryGenerator.Generate(DemoCatalog.Create(), Clock, Now, DemoHistoryFixture.Seed + 1);
        Assert.NotEqual(D.Dossiers.Select(d => d.Code).Take(200), other.Dossiers.Select(d => d.Code).Take(200));
    }

    /// <summary>Any "now" works: a Sunday night, a Tết holiday morning, New Year's midnight.</summary>
    [Theory]
    [InlineData(2025, 11, 23, 22, 0, 7)]
    [InlineData(2026, 2, 18, 9, 0, 8)]
    [InlineData(2027, 1, 1, 0, 0, 9)]
    public void Any_now_gives_a_consistent_open_set(int y, int mo, int day, int h, int mi, int seed)
    {
        var now = WorkingCalendar.ToUtc(new DateTime(y, mo, day, h, mi, 0));
        var data = DemoHistoryGenerator.Generate(DemoCatalog.Create(), Clock, now, seed);
        Assert.All(data.Events, e => Assert.True(e.At <= now));
        Assert.All(data.Dossiers, d => Assert.True(d.ReceivedAt < now && d.StepEnteredAt <= now));
        var steps = data.Steps.ToDictionary(s => (s.ProcedureId, s.Order));
        var open = data.Dossiers.Where(d => d.IsOpen).ToList();
        foreach (var status in new[] { DossierStatus.Received, DossierStatus.InProgress, DossierStatus.WaitingSupplement, DossierStatus.ResultReady })
            Assert.Contains(open, d => d.Status == status);
        foreach (var kind in new[] { StepKind.Processing, StepKind.Approval, StepKind.InterAgency })
            Assert.Contains(open, d => d.Status == DossierStatus.InProgress && steps[(d.ProcedureId, d.CurrentStep)].Kind == kind);
        Assert.Contains(open, d => d.Status != DossierStatus.ResultReady && d.AppointmentAt < now);
        var last = data.Events.GroupBy(e => e.DossierId).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Id)!);
        Assert.All(data.Dossiers, d => Assert.Equal((d.Status, d.CurrentStep, d.CurrentHandlerId),
            (last[d.Id].ToStatus, last[d.Id].ToStep, last[d.Id].ToHandlerId)));
    }
}
