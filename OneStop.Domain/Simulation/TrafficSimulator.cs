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

/// <summary>
/// The demo's traffic: dossiers arrive and move through their steps as the demo staff would move them, every change
/// through <see cref="DossierWorkflow"/> as the right person, so each is a <see cref="DossierEvent"/> on live screens.
/// Each <see cref="StepAsync"/> covers the real time since the previous one, times <see cref="TrafficSimulatorOptions.Speed"/>.
/// </summary>
/// <remarks>
/// <para>Intake (<see cref="TrafficRates"/>): per department, Poisson arrivals at the profile's yearly volume over
/// 250 working days, split by the profile's channel mix; counter and post only in office hours, online at any hour.</para>
/// <para>Moves (<see cref="DossierPlanner"/>): only in office hours. Each step reads the next page of open dossiers
/// (<see cref="TrafficSimulatorOptions.PagePerSecond"/>, more when the open set would take longer than
/// <see cref="TrafficSimulatorOptions.MaxSweep"/> to go through) in appointment order over the open-dossier partial index, with
/// a cursor that wraps around, asks the planner whether a move is due for each, and makes it as the right person.
/// At most about Speed/2 moves per real second, so a backlog found at start is worked through over a minute or two
/// rather than at once.</para>
/// <para>Steady state (<see cref="HeldBacklog"/>): dossiers meant to be on time or late wait for their appointments in
/// real working time, so at Speed S about S times the real-life number of them are open at once; the first step creates
/// the shortfall, back-dated, and the open count then stays level from the first week instead of climbing for weeks.</para>
/// <para>Never throws for a dossier someone else changed or a rule that stops a move: those are logged at debug and
/// skipped; the next pass sees the dossier as it now is.</para>
/// </remarks>
public sealed partial class TrafficSimulator
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
    private bool _toppedUp;
    // Open dossiers when the world was last loaded: sizes the page so that a sweep of all of them takes at most MaxSweep.
    private int _openCount;

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
                _openCount = await CountOpenAsync(db, ct);
            }
            if (!_toppedUp)
            {
                if (_options.TopUpHeldBacklog && await TopUpAsync(_world, clock, now, ct) > 0)
                {
                    await using var db = await _contexts.CreateDbContextAsync(ct);
                    _openCount = await CountOpenAsync(db, ct);
                }
                _toppedUp = true; // set only once done: a failed top-up (a busy database) is tried again at the next step
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

    private async Task<int> TopUpAsync(SimulationWorld world, DeadlineClock clock, DateTime now, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var db = await _contexts.CreateDbContextAsync(ct);
        var result = await HeldBacklog.TopUpAsync(db, world.Departments.Where(Simulated), clock, _options, now, ct);
        _log.LogInformation("Simulator at {Speed}×: {Wanted} dossiers held for their appointments in steady state, {Held} already open, {Created} created back-dated in {Seconds:n1} s",
            _options.Speed, result.Wanted, result.AlreadyHeld, result.Created, watch.Elapsed.TotalSeconds);
        return result.Created;
    }

    private bool Simulated(SimDepartment dept) => _options.Departments is not { } only || only.Contains(dept.Code);

    // ───────────────────────────── intake ─────────────────────────────

    private async Task IntakeAsync(SimulationWorld world, bool office, TimeSpan simulated, DateTime now, TickCounter tick, CancellationToken ct)
    {
        double hours = simulated.TotalHours;
        foreach (var dept in world.Departments)
        {
            if (dept.Rates is not { } r || !Simulated(dept)) continue;
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

}
