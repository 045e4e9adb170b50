using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Domain.Persistence.Demo;

namespace OneStop.Domain.Simulation;

/// <summary>The simulator's moves: the page of open dossiers, the planner's decision, the workflow call as the right person.</summary>
public sealed partial class TrafficSimulator
{
    // ───────────────────────────── moves ─────────────────────────────

    private async Task MoveAsync(SimulationWorld world, DeadlineClock clock, TimeSpan elapsedRealTime, DateTime now, TickCounter tick, CancellationToken ct)
    {
        var planner = new DossierPlanner(_options.Seed, _options.Speed, clock);
        int budget = (int)Math.Clamp(Math.Round(_options.Speed * elapsedRealTime.TotalSeconds * 0.5), 10, 500);
        // The held backlog (thousands at Speed 60) sits in the same appointment order as the dossiers in flight: the page
        // grows with the open count, so a dossier just received is looked at within MaxSweep, not after minutes.
        double perSecond = Math.Max(_options.PagePerSecond, _openCount / _options.MaxSweep.TotalSeconds);
        int page = (int)Math.Clamp(Math.Round(perSecond * elapsedRealTime.TotalSeconds), 10, 20_000);

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
                || !world.DepartmentsById.TryGetValue(row.DepartmentId, out var dept) || !Simulated(dept)) continue;
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

    private static Task<int> CountOpenAsync(OneStopDbContext db, CancellationToken ct) =>
        db.Dossiers.CountAsync(d => EF.Constant(OpenStatuses).Contains(d.Status), ct);

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
}
