using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;

namespace OneStop.Domain.Simulation;

/// <summary>An open dossier as the simulator reads it: only the columns its decisions need.</summary>
internal sealed record OpenDossier(
    long Id, string Code, int Version, int DepartmentId, int ProcedureId, DossierStatus Status, int CurrentStep,
    int? CurrentHandlerId, Channel Channel, ResultDelivery ResultDelivery, DateTime ReceivedAt, DateTime StepEnteredAt,
    DateTime AppointmentAt, DateTime OriginalAppointmentAt, DateTime? PausedSince, bool ApologyIssued, Outcome? Outcome);

/// <summary>What a dossier's outcome is meant to be (the demo profiles' early / on-time / late rates).</summary>
internal enum Fate { Early, OnTime, Late }

internal enum MoveKind
{
    /// <summary>To the next step: reception to the department pool, officer to the leader or another agency, agency back.</summary>
    HandOver,
    /// <summary>An officer takes a dossier waiting in the department pool.</summary>
    Take,
    Approve,
    Return,
    RequestSupplement,
    Resume,
    Refuse,
    Apology,
}

internal readonly record struct Move(MoveKind Kind, DateTime? NewAppointment = null);

/// <summary>
/// Decides, for one open dossier at one instant, whether its next move is due and which. Stateless: everything
/// comes from the dossier's row and its own fixed random draws (<see cref="SimRandom"/>), so a dossier is moved
/// the same way whether the simulator just received it or found it in the seeded history after a restart.
/// </summary>
/// <remarks>
/// <para>Time. The people work <c>speed</c> times faster than in real life: a step's dwell is its share of the
/// statutory time × the dossier's pace (0.25-0.8) × a jitter (0.6-1.4) ÷ speed, counted in working time. The
/// law's clock cannot run faster (the workflow sets appointments in real working time), so a dossier meant to
/// finish early simply does; one meant to finish on time is held at its hold step (the officer's processing, or
/// the other agency's step for half of the inter-agency procedures) until its appointment day and then rushed
/// through before the appointed time; one meant to be late is held until the appointment plus a real lateness
/// (exponential, the procedure's mean late days, at most 10 working days). Any dossier already past its appointment
/// (the seeded backlog) is treated as late in the same way, so the overdue figures stay realistic.</para>
/// <para>Side paths: a supplement request at reception (a quarter) or processing at the procedure's supplement rate,
/// resumed after 0.3 + Exp(2.5) working days ÷ speed; a refusal at reception (0.5%) or by the leader during
/// processing (0.3%); an apology letter from the leader for 30% of the dossiers meant to be late (50% for seed 000's
/// award procedure), issued in the last half day (or quarter of the statutory time) before the appointment.</para>
/// </remarks>
internal sealed class DossierPlanner(int seed, double speed, DeadlineClock clock)
{
    public const double RefusalAtReception = 0.005, RefusalLater = 0.003;
    private static readonly TimeSpan MinDwell = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinOnTimeWindow = TimeSpan.FromMinutes(10);

    private WorkingCalendar Calendar => clock.Calendar;
    private TimeSpan Day => Calendar.DayLength;

    private double U(long id, ulong salt, int index = 0) => SimRandom.Unit(seed, id, salt, index);

    public Fate FateOf(long id, SimProcedure p)
    {
        double u = U(id, SimRandom.Fate);
        return u < p.LateRate ? Fate.Late : u < p.LateRate + p.OnTimeRate ? Fate.OnTime : Fate.Early;
    }

    /// <summary>Compressed by the speed, never below a second.</summary>
    private TimeSpan Compressed(TimeSpan realLife)
    {
        var t = TimeSpan.FromTicks((long)(realLife.Ticks / speed));
        return t < MinDwell ? MinDwell : t;
    }

    /// <summary>How long the dossier stays at step <paramref name="index"/> (working time, compressed).</summary>
    public TimeSpan StepDwell(OpenDossier d, SimProcedure p, int index)
    {
        var step = p.Steps[index];
        double share = step.Share;
        // After the leader signs, an agency's own step (the UBND tỉnh decision) cannot be left by a hand-over in the
        // workflow; its time is spent at the approval step instead (see the report on inter-agency-after procedures).
        if (step.Kind == StepKind.Approval && index + 1 < p.Steps.Length && p.Steps[index + 1].Kind == StepKind.InterAgency)
            share += p.Steps[index + 1].Share;
        double pace = 0.25 + 0.55 * U(d.Id, SimRandom.Pace);
        double jitter = 0.6 + 0.8 * U(d.Id, SimRandom.Jitter, index);
        double factor = share * pace * jitter;
        // Postal staff hand dossiers over quickly, online ones quickest (digitized already).
        if (step.Kind == StepKind.Reception) factor *= d.Channel == Channel.Online ? 0.25 : 0.4;
        return Compressed(TimeSpan.FromTicks((long)(p.Statutory.Ticks * factor)));
    }

    /// <summary>The step where a dossier meant to be on time or late is held: processing, or for half of them the other agency's step before approval.</summary>
    public int HoldIndex(long id, SimProcedure p)
    {
        int processing = p.FirstIndexOf(StepKind.Processing);
        int agency = p.FirstIndexOf(StepKind.InterAgency);
        int approval = p.FirstIndexOf(StepKind.Approval);
        if (agency >= 0 && (approval < 0 || agency < approval) && U(id, SimRandom.HoldWhere) < 0.5) return agency;
        return processing >= 0 ? processing : approval;
    }

    /// <summary>Working time by which a late dossier finishes after its appointment.</summary>
    public TimeSpan Lateness(long id, SimProcedure p) =>
        TimeSpan.FromTicks((long)(Day.Ticks * Math.Min(10, 0.05 + SimRandom.Exp(U(id, SimRandom.Lateness), p.LateMeanDays))));

    public DateTime LateRelease(OpenDossier d, SimProcedure p) => Calendar.AddWorkingTime(d.OriginalAppointmentAt, Lateness(d.Id, p));

    /// <summary>When a dossier meant to be on time leaves its hold step: on the appointment day, early enough to finish by the appointed time; null when that day leaves no room.</summary>
    public DateTime? OnTimeRelease(OpenDossier d)
    {
        var due = d.OriginalAppointmentAt;
        var dayOpen = Calendar.NextOpening(WorkingCalendar.ToUtc(WorkingCalendar.LocalDate(due).ToDateTime(TimeOnly.MinValue)));
        var window = Calendar.WorkingTimeBetween(dayOpen, due);
        if (window < MinOnTimeWindow) return null;
        return Calendar.AddWorkingTime(dayOpen, TimeSpan.FromTicks((long)(window.Ticks * 0.6 * U(d.Id, SimRandom.OnTimeRelease))));
    }

    /// <summary>
    /// The move due now for <paramref name="d"/>, or null. <paramref name="supplementDone"/>: the dossier had a
    /// supplement request before (the caller checks the pauses when a request comes up).
    /// </summary>
    public Move? Decide(OpenDossier d, SimProcedure p, DateTime now, bool supplementDone = false)
    {
        int index = p.IndexOf(d.CurrentStep);
        if (index < 0) return null;
        var step = p.Steps[index];
        var due = d.OriginalAppointmentAt;
        var fate = FateOf(d.Id, p);
        // A paused dossier's clock is stopped: its appointment moves when it resumes, so it is never "overdue" meanwhile.
        bool working = d.Status is DossierStatus.Received or DossierStatus.InProgress;
        bool overdue = working && now > due;

        // The apology letter, when the dossier is about to be late (or already is) and its result is not ready.
        if (working && !d.ApologyIssued && (fate == Fate.Late || overdue) && U(d.Id, SimRandom.Apology) < p.ApologyRate)
        {
            var lead = TimeSpan.FromTicks(Math.Min(Day.Ticks / 2, p.Statutory.Ticks / 4));
            if (now >= Calendar.AddWorkingTime(due, -lead))
            {
                var release = LateRelease(d, p);
                var from = release > now ? release : now;
                var promise = Calendar.AddWorkingTime(from, TimeSpan.FromTicks((long)(Day.Ticks * (0.3 + 1.2 * U(d.Id, SimRandom.ApologyMargin)))));
                if (promise > d.AppointmentAt && promise > now) return new Move(MoveKind.Apology, promise);
            }
        }

        switch (d.Status)
        {
            case DossierStatus.WaitingSupplement:
                {
                    if (d.PausedSince is not { } since) return null;
                    var pause = Compressed(TimeSpan.FromTicks((long)(Day.Ticks * Math.Min(15, 0.3 + SimRandom.Exp(U(d.Id, SimRandom.Pause), 2.5)))));
                    return now >= Calendar.AddWorkingTime(since, pause) ? new Move(MoveKind.Resume) : null;
                }
            case DossierStatus.ResultReady:
                return now >= Calendar.AddWorkingTime(d.StepEnteredAt, ReturnDelay(d)) ? new Move(MoveKind.Return) : null;
            case DossierStatus.Received or DossierStatus.InProgress:
                break;
            default:
                return null;
        }

        var entered = d.StepEnteredAt;
        var dwell = StepDwell(d, p, index);
        bool supplementHere = !supplementDone && U(d.Id, SimRandom.Supplement) < p.SupplementRate
                              && (U(d.Id, SimRandom.SupplementWhere) < 0.25 ? StepKind.Reception : StepKind.Processing) == step.Kind;
        double refusal = U(d.Id, SimRandom.Refusal);
        bool Reached(TimeSpan after) => now >= Calendar.AddWorkingTime(entered, after);

        switch (step.Kind)
        {
            case StepKind.Reception:
                if (refusal < RefusalAtReception && Reached(dwell / 2)) return new Move(MoveKind.Refuse);
                if (supplementHere && Reached(dwell / 2)) return new Move(MoveKind.RequestSupplement);
                return Reached(dwell) ? new Move(MoveKind.HandOver) : null;

            case StepKind.Processing:
                {
                    if (d.CurrentHandlerId is null) return Reached(dwell * 0.15) ? new Move(MoveKind.Take) : null;
                    var work = dwell * 0.85;
                    if (refusal >= RefusalAtReception && refusal < RefusalAtReception + RefusalLater && Reached(work * 0.6)) return new Move(MoveKind.Refuse);
                    if (supplementHere && Reached(work * 0.5)) return new Move(MoveKind.RequestSupplement);
                    return now >= Release(d, p, index, fate, Calendar.AddWorkingTime(entered, work), now) ? new Move(MoveKind.HandOver) : null;
                }

            case StepKind.InterAgency:
                // An agency's step right before the return can be left only by an approval, which the workflow allows at the approval step only.
                if (index + 1 >= p.Steps.Length || p.Steps[index + 1].Kind == StepKind.Return) return null;
                return now >= Release(d, p, index, fate, Calendar.AddWorkingTime(entered, dwell), now) ? new Move(MoveKind.HandOver) : null;

            case StepKind.Approval:
                return now >= Release(d, p, index, fate, Calendar.AddWorkingTime(entered, dwell), now) ? new Move(MoveKind.Approve) : null;

            default:
                return null;
        }
    }

    /// <summary>When the dossier may leave work step <paramref name="index"/>, given its planned (compressed) end.</summary>
    private DateTime Release(OpenDossier d, SimProcedure p, int index, Fate fate, DateTime planned, DateTime now)
    {
        var due = d.OriginalAppointmentAt;
        int hold = HoldIndex(d.Id, p);
        if (now > due || (fate == Fate.Late && index == hold))
        {
            var late = LateRelease(d, p);
            return late > planned ? late : planned;
        }
        if (fate != Fate.OnTime || index < hold) return planned;
        if (index == hold)
        {
            var onTime = OnTimeRelease(d);
            return onTime is { } r && r > planned ? r : planned;
        }
        // Past the hold step, on the appointment day: rush to finish by the appointed time.
        int left = 0;
        for (int i = index; i < p.Steps.Length && p.Steps[i].Kind != StepKind.Return; i++) left++;
        var remaining = Calendar.WorkingTimeBetween(d.StepEnteredAt, due);
        if (remaining <= TimeSpan.Zero) return planned;
        var rush = Calendar.AddWorkingTime(d.StepEnteredAt, remaining / (left + 1));
        return rush < planned ? rush : planned;
    }

    /// <summary>Between approval and the result reaching the applicant: by post within about a day; at the counter when the applicant comes (online results quickest).</summary>
    public TimeSpan ReturnDelay(OpenDossier d)
    {
        double u = U(d.Id, SimRandom.ReturnDelay);
        double days = d.ResultDelivery == ResultDelivery.Post ? 0.1 + 1.1 * u
            : d.Channel == Channel.Online && U(d.Id, SimRandom.ReturnKind) < 0.65 ? 0.01 + 0.39 * u
            : Math.Min(15, 0.1 + SimRandom.Exp(u, 1.3));
        return Compressed(TimeSpan.FromTicks((long)(Day.Ticks * days)));
    }

    /// <summary>A person for this dossier and this kind of move, fixed per dossier (the same officer takes and processes it).</summary>
    public double PersonUnit(long id, MoveKind kind) => U(id, SimRandom.Person, (int)kind);

    public double Unit(long id, ulong salt, int index = 0) => U(id, salt, index);
}
