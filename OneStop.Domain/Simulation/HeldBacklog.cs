using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Domain.Persistence.Demo;

namespace OneStop.Domain.Simulation;

/// <summary>
/// The dossiers a simulator running at Speed S would have open now, waiting for their real appointment, had it been
/// running for as long as the longest wait lasts; created at start, back-dated, so that the open count is at its
/// steady level from the first day instead of climbing for weeks.
/// </summary>
/// <remarks>
/// <para>Why. Intake is S times real life and the people work S times faster, so a dossier meant to finish early is
/// open S times less long: S times as many, for 1/S of the time, the same number open as in real life. But a
/// dossier meant to be on time or late (<see cref="DossierPlanner"/>) waits at its hold step for its appointment in
/// real working time (the law's clock cannot be sped up), plus a real lateness when late. By Little's law those are
/// (arrivals × S) × (their wait) open at a time, S times the real-life level, and a simulator that starts from the
/// seeded history (the real-life level) or from nothing gets there only once the longest wait (statutory time + up
/// to 10 working days) has gone by: weeks, with the open count climbing all the while (at Speed 60: 6.4k after the
/// first week, 12.7k after the fourth), and with too few on-time and late closures for the monthly review meanwhile.</para>
/// <para>The model. Per procedure, held arrivals come at λ × S × (on-time + late rate) per working day, λ being the
/// procedure's share of its department's intake (<see cref="TrafficRates"/>, by channel and procedure weight, as
/// <see cref="SimDepartment.PickProcedure"/> picks them). Replaying the window a held dossier can still be open in
/// (statutory time + 10.5 working days back from now) at that rate, each with its own received instant and an Id
/// whose planner fate is on time or late (the fate is a fixed draw from the Id: the first free Id with that draw is
/// taken, so on-time and late come in the seeds' proportion), and keeping those the planner would still hold now,
/// gives the steady-state held backlog with the right ages. Held dossiers already open (the seeded history, a previous
/// run) count towards it: only the shortfall is created, so a restart adds about nothing.</para>
/// <para>How. Like the demo seeder: plain rows through <see cref="BulkInserter"/> in one transaction, each with the
/// trail the workflow would have written (received, handed to the department, taken by its officer) and its code in
/// the day's sequence, and no webhook (as with the seed). The event tailer brings the new events to live screens as one
/// burst, which each live snapshot takes as one recompute. From then
/// on the simulator moves them through <see cref="DossierWorkflow"/> like any other, at their real appointments, so
/// the on-time and late closures run at S × the seeds' rates from the first day.</para>
/// </remarks>
internal static class HeldBacklog
{
    /// <summary>Past the longest hold (statutory time + lateness of at most 10 working days), with a margin.</summary>
    private const double WindowExtraDays = 10.5;
    // Other writers may take Ids while the backlog is prepared: the new ones start this far past the largest.
    private const long IdMargin = 1000;
    private const long SeedLockKey = 0x4F6E5374_486C6442; // "OnSt" "HldB"

    public sealed record Result(int Wanted, int AlreadyHeld, int Created);

    /// <summary>Creates the shortfall of held dossiers for <paramref name="departments"/> at <paramref name="now"/>.</summary>
    public static async Task<Result> TopUpAsync(OneStopDbContext db, IEnumerable<SimDepartment> departments, DeadlineClock clock,
        TrafficSimulatorOptions options, DateTime now, CancellationToken ct)
    {
        var calendar = clock.Calendar;
        var planner = new DossierPlanner(options.Seed, options.Speed, clock);
        var rnd = new Random(options.Seed ^ 0x486C64); // its own sequence: the simulator's intake draws stay as they were
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Two nodes on one PostgreSQL database start their simulators together: one tops up, the other then finds it done.
        if (db.IsPostgreSql) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", ct);

        var depts = departments.Where(d => d.Rates is not null).ToList();
        var deptIds = depts.Select(d => d.Id).ToHashSet();
        var open = await db.Dossiers.AsNoTracking()
            .Where(d => d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress || d.Status == DossierStatus.WaitingSupplement)
            .Select(d => new { d.Id, d.ProcedureId, d.DepartmentId, d.OriginalAppointmentAt })
            .ToListAsync(ct);
        var procedures = depts.SelectMany(d => d.Procedures).ToDictionary(p => p.Id);
        var held = new Dictionary<int, int>();
        foreach (var d in open)
            if (deptIds.Contains(d.DepartmentId) && procedures.TryGetValue(d.ProcedureId, out var p)
                && (planner.FateOf(d.Id, p) != Fate.Early || d.OriginalAppointmentAt < now))
                held[p.Id] = held.GetValueOrDefault(p.Id) + 1;

        long nextId = (await db.Dossiers.MaxAsync(d => (long?)d.Id, ct) ?? 0) + IdMargin;
        var dossiers = new List<Dossier>();
        var events = new List<DossierEvent>();
        var sequence = new Dictionary<string, int>();
        int wanted = 0, already = 0;
        foreach (var dept in depts)
        {
            var perDay = ArrivalsPerWorkingDay(dept, calendar.DayLength);
            foreach (var p in dept.Procedures)
            {
                if (!perDay.TryGetValue(p.Id, out var channels) || p.Steps.Length < 2
                    || p.Steps[0].Kind != StepKind.Reception || p.Steps[1].Kind != StepKind.Processing) continue;
                var candidates = Replay(p, channels, planner, options.Seed, calendar, clock, options.Speed, now, rnd, ref nextId);
                int have = held.GetValueOrDefault(p.Id);
                wanted += candidates.Count;
                already += Math.Min(have, candidates.Count);
                foreach (var c in candidates.Take(Math.Max(0, candidates.Count - have)))
                    if (Render(c, p, dept, planner, calendar, now, rnd) is { } rendered)
                    {
                        rendered.Dossier.Code = await NextCodeAsync(db, sequence, dept.Code, c.ReceivedAt, ct);
                        dossiers.Add(rendered.Dossier);
                        events.AddRange(rendered.Events);
                    }
            }
        }

        if (dossiers.Count > 0)
        {
            var insert = new BulkInserter(db);
            await insert.InsertAsync(dossiers, ct);
            await insert.InsertAsync(events, generateKeys: true, ct);
            await OneStopSql.ResyncKeysAsync(db, [db.Model.FindEntityType(typeof(Dossier))!], ct);
        }
        await tx.CommitAsync(ct);
        return new Result(wanted, already, dossiers.Count);
    }

    /// <summary>Each procedure's real-life arrivals per working day, by channel: the department's yearly intake per channel (<see cref="TrafficRates"/>) over 250 working days, split as <see cref="SimDepartment.PickProcedure"/> splits it.</summary>
    internal static Dictionary<int, Dictionary<Channel, double>> ArrivalsPerWorkingDay(SimDepartment dept, TimeSpan dayLength)
    {
        var r = dept.Rates!;
        double officeHours = TrafficRates.WorkingDaysPerYear * dayLength.TotalHours;
        double otherHours = TrafficRates.HoursPerYear - officeHours;
        var yearly = new Dictionary<Channel, double>
        {
            [Channel.Counter] = r.CounterPerOfficeHour * officeHours,
            [Channel.Post] = r.PostPerOfficeHour * officeHours,
            [Channel.Online] = r.OnlinePerOfficeHour * officeHours + r.OnlinePerOtherHour * otherHours,
        };
        var result = new Dictionary<int, Dictionary<Channel, double>>();
        foreach (var (channel, volume) in yearly)
        {
            double total = dept.Procedures.Where(p => p.Procedure.Allows(channel)).Sum(p => (double)p.Weight);
            if (total <= 0 || volume <= 0) continue;
            foreach (var p in dept.Procedures.Where(p => p.Procedure.Allows(channel)))
            {
                if (!result.TryGetValue(p.Id, out var byChannel)) result[p.Id] = byChannel = new();
                byChannel[channel] = volume / TrafficRates.WorkingDaysPerYear * p.Weight / total;
            }
        }
        return result;
    }

    internal sealed record Candidate(long Id, Channel Channel, DateTime ReceivedAt, DateTime AppointmentAt);

    /// <summary>The held arrivals of the window back from now that the planner would still hold now, in random order.</summary>
    private static List<Candidate> Replay(SimProcedure p, Dictionary<Channel, double> perDay, DossierPlanner planner, int seed,
        WorkingCalendar calendar, DeadlineClock clock, double speed, DateTime now, Random rnd, ref long nextId)
    {
        double heldShare = p.OnTimeRate + p.LateRate;
        double windowDays = p.Statutory / calendar.DayLength + WindowExtraDays;
        var result = new List<Candidate>();
        if (heldShare <= 0) return result;
        foreach (var (channel, rate) in perDay)
        {
            int n = SimRandom.Poisson(rnd, rate * speed * heldShare * windowDays);
            for (int i = 0; i < n; i++)
            {
                var received = calendar.AddWorkingTime(now, -TimeSpan.FromTicks((long)(calendar.DayLength.Ticks * windowDays * rnd.NextDouble())));
                // The next Id whose fixed fate draw is on time or late: the draw is uniform, so the late share among them is late ÷ (on time + late).
                while (SimRandom.Unit(seed, nextId, SimRandom.Fate) >= heldShare) nextId++;
                long id = nextId++;
                var due = clock.Appointment(received, p.Procedure.StatutoryAmount, p.Procedure.StatutoryUnit);
                var probe = new OpenDossier(id, "", 0, p.DepartmentId, p.Id, DossierStatus.InProgress, p.Steps[1].Order, null, channel,
                    ResultDelivery.Counter, received, received, due, due, null, false, null);
                DateTime? release = planner.FateOf(id, p) == Fate.Late ? planner.LateRelease(probe, p) : planner.OnTimeRelease(probe);
                if (release > now) result.Add(new Candidate(id, channel, received, due));
            }
        }
        // Random order, so that a shortfall smaller than the whole takes a fair sample of ages and channels.
        for (int i = result.Count - 1; i > 0; i--)
        {
            int j = rnd.Next(i + 1);
            (result[i], result[j]) = (result[j], result[i]);
        }
        return result;
    }

    /// <summary>The dossier at the processing step, held by its officer, with the events the workflow would have written on the way there; null when nobody could have.</summary>
    private static (Dossier Dossier, List<DossierEvent> Events)? Render(Candidate c, SimProcedure p, SimDepartment dept,
        DossierPlanner planner, WorkingCalendar calendar, DateTime now, Random rnd)
    {
        var receiver = dept.Reception.Pick(rnd.NextDouble());
        var officer = dept.Officers.Pick(planner.PersonUnit(c.Id, MoveKind.Take));
        var applicant = DemoApplicants.Next(rnd, WorkingCalendar.LocalDate(c.ReceivedAt).Year);
        double postShare = c.Channel == Channel.Post ? 0.8 : p.PostResultShare;
        var delivery = p.Procedure.ResultByPost && rnd.NextDouble() < postShare ? ResultDelivery.Post : ResultDelivery.Counter;
        if (receiver is null || officer is null) return null;

        var probe = new OpenDossier(c.Id, "", 0, p.DepartmentId, p.Id, DossierStatus.Received, p.Steps[0].Order, receiver, c.Channel,
            delivery, c.ReceivedAt, c.ReceivedAt, c.AppointmentAt, c.AppointmentAt, null, false, null);
        var handedAt = calendar.AddWorkingTime(c.ReceivedAt, planner.StepDwell(probe, p, 0));
        var takenAt = calendar.AddWorkingTime(handedAt, planner.StepDwell(probe, p, 1) * 0.15);
        if (takenAt >= now) return null; // received minutes ago: the simulator's own intake stands for those

        var reception = p.Steps[0];
        var processing = p.Steps[1];
        var dossier = new Dossier
        {
            Id = c.Id,
            Code = "",
            ProcedureId = p.Id,
            DepartmentId = p.DepartmentId,
            Channel = c.Channel,
            ResultDelivery = delivery,
            ApplicantName = applicant.Name,
            ApplicantPhone = applicant.Phone,
            ApplicantIdNumber = applicant.IdNumber,
            ApplicantAddress = applicant.Address,
            ResultPostalAddress = delivery == ResultDelivery.Post ? applicant.Address : null,
            ReceivedAt = c.ReceivedAt,
            AppointmentAt = c.AppointmentAt,
            OriginalAppointmentAt = c.AppointmentAt,
            Status = DossierStatus.InProgress,
            CurrentStep = processing.Order,
            CurrentHandlerId = officer,
            StepEnteredAt = takenAt,
            Version = 3,
        };
        DossierEvent Event(DossierEventType type, DateTime at, int actor, DossierStatus? fromStatus, int? fromStep, int? fromHandler,
            DossierStatus toStatus, int toStep, int? toHandler, string note) => new()
        {
            DossierId = c.Id, DepartmentId = p.DepartmentId, At = at, Type = type, ActorId = actor,
            FromStatus = fromStatus, FromStep = fromStep, FromHandlerId = fromHandler,
            ToStatus = toStatus, ToStep = toStep, ToHandlerId = toHandler, Note = note,
        };
        // The workflow's own notes (ReceiveAsync, HandOverAsync, AssignAsync).
        List<DossierEvent> events =
        [
            Event(DossierEventType.Received, c.ReceivedAt, receiver.Value, null, null, null, DossierStatus.Received, reception.Order, receiver,
                $"Tiếp nhận {IntakeValidator.ChannelText(c.Channel)}"),
            Event(DossierEventType.HandedOver, handedAt, receiver.Value, DossierStatus.Received, reception.Order, receiver,
                DossierStatus.InProgress, processing.Order, null, $"Chuyển bước «{processing.Name}»"),
            Event(DossierEventType.Assigned, takenAt, officer.Value, DossierStatus.InProgress, processing.Order, null,
                DossierStatus.InProgress, processing.Order, officer, "Nhận xử lý"),
        ];
        return (dossier, events);
    }

    /// <summary>The next code in the department's sequence for the day received, as the workflow numbers them (count of the day's codes + 1).</summary>
    private static async Task<string> NextCodeAsync(OneStopDbContext db, Dictionary<string, int> sequence, string departmentCode,
        DateTime receivedAt, CancellationToken ct)
    {
        var prefix = $"{departmentCode}-{WorkingCalendar.ToLocal(receivedAt):yyMMdd}-";
        if (!sequence.TryGetValue(prefix, out var n))
            n = await db.Dossiers.CountAsync(d => d.Code.StartsWith(prefix), ct);
        sequence[prefix] = ++n;
        return prefix + n.ToString("0000", CultureInfo.InvariantCulture);
    }
}
