using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence.Demo;
using OneStop.Domain.Simulation;

namespace OneStop.Tests.Domain.Simulation;

/// <summary>The planner alone, on the demo catalog's procedures: fates, holds and dwells, no database.</summary>
public sealed class DossierPlannerTests
{
    private const int Seed = 7;
    private static readonly DeadlineClock Clock = new(new WorkingCalendar());
    private static readonly DemoCatalogData Catalog = DemoCatalog.Create();

    /// <summary>Monday 23 November 2026, 09:00 local.</summary>
    private static readonly DateTime Monday9 = WorkingCalendar.ToUtc(new DateTime(2026, 11, 23, 9, 0, 0));

    private static SimProcedure Proc(int id, double? onTime = null, double? late = null, double apology = 0)
    {
        var p = Catalog.Procedures.Single(x => x.Id == id);
        var profile = Catalog.ProcedureProfiles[id];
        var dept = Catalog.DepartmentProfiles[p.DepartmentId];
        return new SimProcedure
        {
            Id = id, DepartmentId = p.DepartmentId, Procedure = p,
            Steps = Catalog.Steps.Where(s => s.ProcedureId == id).OrderBy(s => s.Order).ToArray(),
            Statutory = Clock.StatutoryTime(p.StatutoryAmount, p.StatutoryUnit), Weight = profile.Weight,
            OnTimeRate = onTime ?? profile.OnTimeRate ?? dept.OnTimeRate, LateRate = late ?? profile.LateRate ?? dept.LateRate,
            SupplementRate = 0, PostResultShare = 0.1, LateMeanDays = profile.LateMeanDays, ApologyRate = apology,
        };
    }

    private static OpenDossier At(long id, SimProcedure p, int step, int? handler, DateTime received, DateTime entered,
        DossierStatus status = DossierStatus.InProgress)
    {
        var due = Clock.Appointment(received, p.Procedure.StatutoryAmount, p.Procedure.StatutoryUnit);
        return new OpenDossier(id, $"X-{id}", 3, p.DepartmentId, p.Id, status, step, handler, Channel.Counter, ResultDelivery.Counter,
            received, entered, due, due, null, false, null);
    }

    [Fact]
    public void Fates_follow_the_procedure_rates()
    {
        var p = Proc(83); // Đăng ký biến động đất đai: on time 22%, late 3.5%
        var planner = new DossierPlanner(Seed, 60, Clock);
        const int n = 20_000;
        var fates = Enumerable.Range(1, n).Select(i => planner.FateOf(i, p)).ToList();
        void Near(double rate, Fate fate)
        {
            double expected = n * rate, sd = Math.Sqrt(n * rate * (1 - rate));
            int seen = fates.Count(f => f == fate);
            Assert.InRange(seen, expected - 4 * sd, expected + 4 * sd);
        }
        Near(p.LateRate, Fate.Late);
        Near(p.OnTimeRate, Fate.OnTime);
        Near(1 - p.LateRate - p.OnTimeRate, Fate.Early);
        // A different seed gives other fates to the same dossiers.
        var other = new DossierPlanner(Seed + 1, 60, Clock);
        Assert.True(Enumerable.Range(1, 2000).Count(i => other.FateOf(i, p) != planner.FateOf(i, p)) > 100);
    }

    [Fact]
    public void Early_dossiers_go_through_all_steps_in_a_fraction_of_the_statutory_time_divided_by_the_speed()
    {
        var p = Proc(84); // 7 working days, standard flow
        var planner = new DossierPlanner(Seed, 60, Clock);
        foreach (var id in Enumerable.Range(1, 500))
        {
            var d = At(id, p, 1, 1, Monday9, Monday9);
            var total = TimeSpan.Zero;
            for (int i = 0; i < p.Steps.Length - 1; i++) total += planner.StepDwell(d, p, i);
            // Σ share × pace (≤ 0.8) × jitter (≤ 1.4), reception shortened: always under 1.12 × T / 60, at least a second a step.
            Assert.InRange(total, TimeSpan.FromSeconds(3), p.Statutory * 1.12 / 60);
        }
        // Twice the speed, half the time.
        var d1 = At(1, p, 2, 101, Monday9, Monday9);
        Assert.Equal(planner.StepDwell(d1, p, 1).TotalSeconds / 2, new DossierPlanner(Seed, 120, Clock).StepDwell(d1, p, 1).TotalSeconds, 3);
    }

    [Fact]
    public void A_dossier_meant_to_be_on_time_is_held_until_its_appointment_day_and_then_finished_by_the_appointed_time()
    {
        var p = Proc(84, onTime: 1, late: 0);
        var planner = new DossierPlanner(Seed, 60, Clock);
        int processing = p.FirstIndexOf(StepKind.Processing), approval = p.FirstIndexOf(StepKind.Approval);
        for (long id = 1; id <= 50; id++)
        {
            Assert.Equal(Fate.OnTime, planner.FateOf(id, p));
            var d = At(id, p, p.Steps[processing].Order, 101, Monday9, Monday9.AddMinutes(10));
            var due = d.OriginalAppointmentAt;
            var release = planner.OnTimeRelease(d)!.Value;
            Assert.Equal(WorkingCalendar.LocalDate(due), WorkingCalendar.LocalDate(release));
            Assert.True(release < due);

            // Long after its compressed dwell, but before the release: still held.
            Assert.Null(planner.Decide(d, p, Clock.Calendar.AddWorkingTime(release, TimeSpan.FromMinutes(-1))));
            Assert.Equal(MoveKind.HandOver, planner.Decide(d, p, release.AddSeconds(1))?.Kind);

            // At the leader's, it is approved before the appointment.
            var atLeader = d with { CurrentStep = p.Steps[approval].Order, CurrentHandlerId = 102, StepEnteredAt = release.AddSeconds(1) };
            var approveAt = Enumerable.Range(0, 24 * 60).Select(m => release.AddMinutes(m)).First(t => planner.Decide(atLeader, p, t) is not null);
            Assert.Equal(MoveKind.Approve, planner.Decide(atLeader, p, approveAt)?.Kind);
            Assert.Equal(Outcome.OnTime, Clock.OutcomeOf(approveAt, due));
        }
    }

    [Fact]
    public void A_dossier_meant_to_be_late_is_held_past_its_appointment_and_gets_an_apology_letter_first_when_drawn()
    {
        var p = Proc(1, onTime: 0, late: 1, apology: 0.5);
        var planner = new DossierPlanner(Seed, 60, Clock);
        int processing = p.FirstIndexOf(StepKind.Processing);
        int letters = 0;
        for (long id = 1; id <= 200; id++)
        {
            var d = At(id, p, p.Steps[processing].Order, 101, Monday9, Monday9.AddMinutes(10));
            var due = d.OriginalAppointmentAt;
            var release = planner.LateRelease(d, p);
            Assert.True(release > due);
            var lead = TimeSpan.FromTicks(Math.Min(Clock.Calendar.DayLength.Ticks / 2, p.Statutory.Ticks / 4));
            var beforeLetter = Clock.Calendar.AddWorkingTime(due, -lead - TimeSpan.FromMinutes(1));
            Assert.Null(planner.Decide(d, p, beforeLetter));
            var nearDue = Clock.Calendar.AddWorkingTime(due, -TimeSpan.FromMinutes(5));
            var move = planner.Decide(d, p, nearDue);
            if (move is { Kind: MoveKind.Apology, NewAppointment: { } promise })
            {
                letters++;
                Assert.True(promise > due && promise > release);
                d = d with { ApologyIssued = true, AppointmentAt = promise };
                move = planner.Decide(d, p, nearDue);
            }
            Assert.Null(move);
            Assert.Null(planner.Decide(d, p, release.AddSeconds(-1)));
            Assert.Equal(MoveKind.HandOver, planner.Decide(d, p, release.AddSeconds(1))?.Kind);
        }
        // Seed 000's award procedure: half of the late ones get a letter.
        Assert.InRange(letters, 70, 130);
    }
}
