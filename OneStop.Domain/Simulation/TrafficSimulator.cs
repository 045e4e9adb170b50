using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Domain.Persistence.Demo;

namespace OneStop.Domain.Simulation;

/// <summary>How the simulator runs: <see cref="Speed"/> is how many times faster than real life (0 = off).</summary>
public sealed record TrafficSimulatorOptions(double Speed, int Seed)
{
    /// <summary>Longest real time one step accounts for (a machine waking from sleep does not get hours of intake at once).</summary>
    public TimeSpan MaxStep { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>
    /// Open dossiers looked at per second of real time: each step reads the next page of open dossiers in appointment
    /// order, so the whole open set is gone through every (open ÷ page) seconds, never all of it at once.
    /// </summary>
    public int PagePerSecond { get; init; } = 150;
}

/// <summary>What one step did. <see cref="Events"/> counts the dossier events it caused, by type.</summary>
public sealed record SimulationTick(DateTime At, bool OfficeHours, TimeSpan Simulated, int Received, int Moved, int Skipped,
    int Examined, IReadOnlyDictionary<DossierEventType, int> Events)
{
    public static SimulationTick Idle(DateTime at, bool officeHours) =>
        new(at, officeHours, TimeSpan.Zero, 0, 0, 0, 0, new Dictionary<DossierEventType, int>());
}

/// <summary>
/// The demo's traffic: dossiers arrive and move through their steps as the demo staff would move them, every change
/// through <see cref="DossierWorkflow"/> as the right person, so each is a <see cref="DossierEvent"/> on live screens.
/// Each <see cref="StepAsync"/> covers the real time since the previous one, times <see cref="TrafficSimulatorOptions.Speed"/>.
/// </summary>
/// <remarks>
/// <para>Intake (<see cref="TrafficRates"/>): per department, Poisson arrivals at the profile's yearly volume over
/// 250 working days, split by the profile's channel mix; counter and post only in office hours, online at any hour.</para>
/// <para>Moves (<see cref="DossierPlanner"/>): only in office hours. Each step reads the next page of open dossiers
/// (<see cref="TrafficSimulatorOptions.PagePerSecond"/>) in appointment order over the open-dossier partial index, with
/// a cursor that wraps around, asks the planner whether a move is due for each, and makes it as the right person.
/// At most about Speed/2 moves per real second, so a backlog found at start is worked through over a minute or two
/// rather than at once.</para>
/// <para>Never throws for a dossier someone else changed or a rule that stops a move: those are logged at debug and
/// skipped; the next pass sees the dossier as it now is.</para>
/// </remarks>
public sealed class TrafficSimulator
{
    private static readonly TimeSpan WorldRefresh = TimeSpan.FromMinutes(5);
    // Inlined into the SQL (EF.Constant below): EF 10 sends a collection as parameters by default, and SQLite uses a
    // partial index only when the query's WHERE names the index's own constants ("Status" IN ('Received', …)).
    private static readonly DossierStatus[] OpenStatuses =
        [DossierStatus.Received, DossierStatus.InProgress, DossierStatus.WaitingSupplement, DossierStatus.ResultReady];

    private readonly IDbContextFactory<OneStopDbContext> _contexts;
    private readonly DossierWorkflow _workflow;
    private readonly CenterCalendarProvider _calendars;
    private readonly TimeProvider _time;
    private readonly TrafficSimulatorOptions _options;
    private readonly ILogger _log;
    private readonly Random _rnd;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SimulationWorld? _world;
    private TimeSpan _sinceWorldLoaded;
    private DateTime _cursorAt = DateTime.MinValue;
    private long _cursorId;

    public TrafficSimulator(IDbContextFactory<OneStopDbContext> contexts, DossierWorkflow workflow, CenterCalendarProvider calendars,
        TimeProvider time, TrafficSimulatorOptions options, ILogger<TrafficSimulator>? log = null)
    {
        _contexts = contexts;
        _workflow = workflow;
        _calendars = calendars;
        _time = time;
        _options = options;
        _log = log ?? (ILogger)NullLogger.Instance;
        _rnd = new Random(options.Seed);
    }

    public TrafficSimulatorOptions Options => _options;

    /// <summary>Forget the cached catalog and staff (after an administrator changed them); the next step reloads.</summary>
    public void Invalidate() => _world = null;

    /// <summary>Simulates <paramref name="elapsedRealTime"/> × Speed of center life, ending at the clock's now.</summary>
    public Task<SimulationTick> StepAsync(TimeSpan elapsedRealTime, CancellationToken ct = default) =>
        StepAsync(elapsedRealTime, intake: true, moves: true, ct);

    /// <summary>One step with intake or moves left out (tests fast-forward through days of moves without new arrivals).</summary>
    internal async Task<SimulationTick> StepAsync(TimeSpan elapsedRealTime, bool intake, bool moves, CancellationToken ct = default)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (_options.Speed <= 0 || elapsedRealTime <= TimeSpan.Zero) return SimulationTick.Idle(now, false);
        if (elapsedRealTime > _options.MaxStep) elapsedRealTime = _options.MaxStep;

        await _gate.WaitAsync(ct);
        try
        {
            var clock = await _calendars.GetClockAsync(ct);
            _sinceWorldLoaded += elapsedRealTime;
            if (_world is null || _sinceWorldLoaded >= WorldRefresh)
            {
                await using var db = await _contexts.CreateDbContextAsync(ct);
                _world = await SimulationWorld.LoadAsync(db, clock, ct);
                _sinceWorldLoaded = TimeSpan.Zero;
            }
            var office = clock.Calendar.IsOfficeHours(now);
            var tick = new TickCounter();
            var simulated = elapsedRealTime * _options.Speed;
            if (intake) await IntakeAsync(_world, office, simulated, now, tick, ct);
            if (moves && office) await MoveAsync(_world, clock, elapsedRealTime, now, tick, ct);
            return new SimulationTick(now, office, simulated, tick.Received, tick.Moved, tick.Skipped, tick.Examined, tick.Events);
        }
        finally { _gate.Release(); }
    }

    // ───────────────────────────── intake ─────────────────────────────

    private async Task IntakeAsync(SimulationWorld world, bool office, TimeSpan simulated, DateTime now, TickCounter tick, CancellationToken ct)
    {
        double hours = simulated.TotalHours;
        foreach (var dept in world.Departments)
        {
            if (dept.Rates is not { } r) continue;
            int counter = 0, post = 0, online;
            if (office)
            {
                counter = SimRandom.Poisson(_rnd, r.CounterPerOfficeHour * hours);
                post = SimRandom.Poisson(_rnd, r.PostPerOfficeHour * hours);
                online = SimRandom.Poisson(_rnd, r.OnlinePerOfficeHour * hours);
            }
            else online = SimRandom.Poisson(_rnd, r.OnlinePerOtherHour * hours);
            for (int i = 0; i < counter; i++) await ReceiveAsync(dept, Channel.Counter, now, tick, ct);
            for (int i = 0; i < post; i++) await ReceiveAsync(dept, Channel.Post, now, tick, ct);
            for (int i = 0; i < online; i++) await ReceiveAsync(dept, Channel.Online, now, tick, ct);
        }
    }

    private async Task ReceiveAsync(SimDepartment dept, Channel channel, DateTime now, TickCounter tick, CancellationToken ct)
    {
        // Every draw is made before the workflow is called, so a refused intake does not shift the random sequence.
        var procedure = dept.PickProcedure(channel, _rnd.NextDouble());
        double deliveryDraw = _rnd.NextDouble();
        var applicant = DemoApplicants.Next(_rnd, WorkingCalendar.LocalDate(now).Year);
        var receiver = dept.Reception.Pick(_rnd.NextDouble());
        if (procedure is null || receiver is null) return;

        var p = procedure.Procedure;
        double postShare = channel == Channel.Post ? 0.8 : procedure.PostResultShare;
        var delivery = p.ResultByPost && deliveryDraw < postShare ? ResultDelivery.Post : ResultDelivery.Counter;
        var request = new IntakeRequest
        {
            ProcedureId = p.Id,
            Channel = channel,
            ResultDelivery = delivery,
            ApplicantName = applicant.Name,
            ApplicantPhone = applicant.Phone,
            ApplicantIdNumber = applicant.IdNumber,
            ApplicantAddress = applicant.Address,
            ResultPostalAddress = delivery == ResultDelivery.Post ? applicant.Address : null,
        };
        if (await TryAsync($"{dept.Code}/{p.Code}", () => _workflow.ReceiveAsync(request, receiver.Value, ct), tick))
        {
            tick.Received++;
            tick.Count(DossierEventType.Received);
        }
    }

    // ───────────────────────────── moves ─────────────────────────────

    private async Task MoveAsync(SimulationWorld world, DeadlineClock clock, TimeSpan elapsedRealTime, DateTime now, TickCounter tick, CancellationToken ct)
    {
        var planner = new DossierPlanner(_options.Seed, _options.Speed, clock);
        int budget = (int)Math.Clamp(Math.Round(_options.Speed * elapsedRealTime.TotalSeconds * 0.5), 10, 500);
        int page = (int)Math.Clamp(Math.Round(_options.PagePerSecond * elapsedRealTime.TotalSeconds), 10, 20_000);

        List<OpenDossier> rows;
        await using (var db = await _contexts.CreateDbContextAsync(ct))
            rows = await OpenPage(db, _cursorAt, _cursorId, page).ToListAsync(ct);
        foreach (var row in rows)
        {
            if (budget == 0) return; // the cursor stays here: the next step carries on from this dossier
            tick.Examined++;
            _cursorAt = row.AppointmentAt;
            _cursorId = row.Id;
            if (!world.Procedures.TryGetValue(row.ProcedureId, out var procedure)
                || !world.DepartmentsById.TryGetValue(row.DepartmentId, out var dept)) continue;
            var move = planner.Decide(row, procedure, now);
            if (move is { Kind: MoveKind.RequestSupplement } && await HadPauseAsync(row.Id, ct))
                move = planner.Decide(row, procedure, now, supplementDone: true);
            if (move is not { } m) continue;
            if (await ActAsync(row, m, procedure, dept, planner, world.ActiveStaff, tick, ct)) budget--;
        }
        if (rows.Count < page)
        {
            // The end of the open dossiers: start again from the most urgent at the next step.
            _cursorAt = DateTime.MinValue;
            _cursorId = 0;
        }
    }

    /// <summary>The next open dossiers after the cursor, in appointment order: a range read over IX_Dossiers_Open_Appointment.</summary>
    internal static IQueryable<OpenDossier> OpenPage(OneStopDbContext db, DateTime afterAt, long afterId, int take) =>
        db.Dossiers.AsNoTracking()
            .Where(d => EF.Constant(OpenStatuses).Contains(d.Status))
            .Where(d => d.AppointmentAt > afterAt || (d.AppointmentAt == afterAt && d.Id > afterId))
            .OrderBy(d => d.AppointmentAt).ThenBy(d => d.Id)
            .Take(take)
            .Select(d => new OpenDossier(d.Id, d.Code, d.Version, d.DepartmentId, d.ProcedureId, d.Status, d.CurrentStep,
                d.CurrentHandlerId, d.Channel, d.ResultDelivery, d.ReceivedAt, d.StepEnteredAt, d.AppointmentAt,
                d.OriginalAppointmentAt, d.PausedSince, d.ApologyIssued, d.Outcome));

    private async Task<bool> HadPauseAsync(long dossierId, CancellationToken ct)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        return await db.DossierPauses.AnyAsync(p => p.DossierId == dossierId, ct);
    }

    private Task<bool> ActAsync(OpenDossier d, Move move, SimProcedure p, SimDepartment dept, DossierPlanner planner,
        IReadOnlySet<int> active, TickCounter tick, CancellationToken ct)
    {
        var code = d.Code;
        var v = d.Version;
        var steps = p.Steps;
        int index = p.IndexOf(d.CurrentStep);
        var step = steps[index];
        // Whoever holds the dossier acts on it, as the workflow requires; others only when the holder is gone.
        int? handler = d.CurrentHandlerId is { } held && active.Contains(held) ? held : null;
        int? Person(WeightedPicker picker, MoveKind kind) => picker.Pick(planner.PersonUnit(d.Id, kind));
        int? Leader() => Person(dept.Leaders, MoveKind.Approve);
        string Pick(string[] texts, ulong salt) => texts[(int)(planner.Unit(d.Id, salt) * texts.Length)];

        switch (move.Kind)
        {
            case MoveKind.HandOver:
                {
                    var next = index + 1 < steps.Length ? steps[index + 1] : null;
                    if (next is null) return Task.FromResult(false);
                    int? actor = step.Kind switch
                    {
                        StepKind.Reception => handler ?? Person(dept.Reception, MoveKind.Return),
                        StepKind.InterAgency => handler ?? Person(dept.Officers, MoveKind.Take),
                        _ => handler ?? Leader(),
                    };
                    int? to = next.Kind == StepKind.InterAgency ? null
                        : next.Kind == StepKind.Approval ? Leader()
                        : next.Role is Staffing.StaffRole.DepartmentOfficer or Staffing.StaffRole.DepartmentLeader ? null
                        : Person(dept.Reception, MoveKind.Return);
                    return Do(actor, DossierEventType.HandedOver, a => _workflow.HandOverAsync(code, v, a, to, null, ct));
                }
            case MoveKind.Take:
                {
                    var officer = Person(dept.Officers, MoveKind.Take);
                    return Do(officer, DossierEventType.Assigned, a => _workflow.AssignAsync(code, v, a, a, null, ct));
                }
            case MoveKind.Approve:
                {
                    var leader = handler is { } h && dept.AllLeaders.Contains(h) ? h : Leader();
                    return Do(leader, DossierEventType.Approved, a => _workflow.ApproveAsync(code, v, a, null, ct));
                }
            case MoveKind.Return:
                {
                    var returner = handler ?? Person(dept.Reception, MoveKind.Return);
                    ReturnDetails details;
                    bool asked = planner.Unit(d.Id, SimRandom.SatisfactionAsked) < 0.25;
                    bool? satisfied = asked ? planner.Unit(d.Id, SimRandom.Satisfied) < (d.Outcome == Outcome.Late ? 0.7 : 0.97) : null;
                    details = new ReturnDetails(d.ResultDelivery == ResultDelivery.Post ? TrackingNumber(planner.Unit(d.Id, SimRandom.Tracking)) : null, satisfied);
                    return Do(returner, DossierEventType.Returned, a => _workflow.ReturnAsync(code, v, a, details, ct));
                }
            case MoveKind.RequestSupplement:
                {
                    int? actor = handler ?? (step.Kind == StepKind.Reception ? Person(dept.Reception, MoveKind.Return) : Person(dept.Officers, MoveKind.Take));
                    var missing = Pick(DemoTexts.SupplementReasons, SimRandom.Reason);
                    return Do(actor, DossierEventType.SupplementRequested, a => _workflow.RequestSupplementAsync(code, v, a, missing, ct));
                }
            case MoveKind.Resume:
                {
                    int? actor = handler ?? Leader();
                    return Do(actor, DossierEventType.Resumed, a => _workflow.ResumeAsync(code, v, a, DemoTexts.ResumeNote, ct));
                }
            case MoveKind.Refuse:
                {
                    bool atReception = step.Kind == StepKind.Reception;
                    int? actor = atReception ? handler ?? Person(dept.Reception, MoveKind.Return) : Leader();
                    var reason = Pick(atReception ? DemoTexts.RefusalAtReceptionReasons : DemoTexts.RefusalLaterReasons, SimRandom.Reason);
                    return Do(actor, DossierEventType.Refused, a => _workflow.RefuseAsync(code, v, a, reason, ct));
                }
            case MoveKind.Apology:
                {
                    var reason = Pick(DemoTexts.ApologyReasons, SimRandom.Reason);
                    var promise = move.NewAppointment!.Value;
                    return Do(Leader(), DossierEventType.ApologyIssued, a => _workflow.IssueApologyAsync(code, v, a, promise, reason, ct));
                }
            default:
                return Task.FromResult(false);
        }

        async Task<bool> Do(int? actor, DossierEventType type, Func<int, Task<Dossier>> action)
        {
            if (actor is not { } a)
            {
                tick.Skipped++;
                _log.LogDebug("Simulator: nobody to {Type} dossier {Code}", type, code);
                return false;
            }
            if (!await TryAsync(code, () => action(a), tick)) return false;
            tick.Moved++;
            tick.Count(type);
            return true;
        }
    }

    private async Task<bool> TryAsync(string what, Func<Task<Dossier>> action, TickCounter tick)
    {
        try
        {
            await action();
            return true;
        }
        catch (DossierConcurrencyException e)
        {
            tick.Skipped++;
            _log.LogDebug("Simulator skipped {What}: someone acted on it first ({Message})", what, e.Message);
        }
        catch (DossierRuleException e)
        {
            tick.Skipped++;
            _log.LogDebug("Simulator skipped {What}: {Message}", what, e.Message);
        }
        catch (DossierNotFoundException e)
        {
            tick.Skipped++;
            _log.LogDebug("Simulator skipped {What}: {Message}", what, e.Message);
        }
        catch (DossierValidationException e)
        {
            tick.Skipped++;
            _log.LogDebug("Simulator skipped {What}: invalid ({Message})", what, e.Message);
        }
        return false;
    }

    /// <summary>A UPU S10 item number for domestic EMS: "EL", 8 digits, the S10 check digit, "VN".</summary>
    internal static string TrackingNumber(double unit)
    {
        int serial = (int)(unit * 100_000_000) % 100_000_000;
        var digits = serial.ToString("00000000", CultureInfo.InvariantCulture);
        ReadOnlySpan<int> weights = [8, 6, 4, 2, 3, 5, 9, 7];
        int sum = 0;
        for (int i = 0; i < 8; i++) sum += (digits[i] - '0') * weights[i];
        int check = 11 - sum % 11;
        if (check == 10) check = 0;
        else if (check == 11) check = 5;
        return $"EL{digits}{check}VN";
    }

    private sealed class TickCounter
    {
        public int Received, Moved, Skipped, Examined;
        public Dictionary<DossierEventType, int> Events { get; } = new();
        public void Count(DossierEventType type) => Events[type] = Events.TryGetValue(type, out var n) ? n + 1 : 1;
    }

    // ───────────────────────────── texts ─────────────────────────────





}
