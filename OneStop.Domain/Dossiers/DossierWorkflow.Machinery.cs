using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Dossiers;

/// <summary>The machinery under <see cref="DossierWorkflow"/>'s actions: loading, checking, writing and publishing one change.</summary>
public sealed partial class DossierWorkflow
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private sealed class ActionContext
    {
        public required OneStopDbContext Db { get; init; }
        public required Dossier Dossier { get; init; }
        public required Staff Actor { get; init; }
        public required IReadOnlySet<int> Covered { get; init; }
        public required List<ProcedureStep> Steps { get; init; }
        public required DeadlineClock Clock { get; init; }
        public required DateTime Now { get; init; }
        public ProcedureStep CurrentStep => Steps.FirstOrDefault(s => s.Order == Dossier.CurrentStep) ?? Steps[^1];
        public bool IsLeaderOfDepartment => Actor.Role == StaffRole.DepartmentLeader && Actor.DepartmentId == Dossier.DepartmentId;
        /// <summary>Set when an action ends somewhere other than its usual status (a hand-over that completes the dossier).</summary>
        public DossierStatus? StatusOverride { get; set; }

        public void MoveTo(int step, int? handler)
        {
            if (step != Dossier.CurrentStep || handler != Dossier.CurrentHandlerId) Dossier.StepEnteredAt = Now;
            Dossier.CurrentStep = step;
            Dossier.CurrentHandlerId = handler;
        }
    }

    private async Task<Dossier> ActAsync(string code, int version, int actorId, DossierAction action,
        Func<ActionContext, Task<(DossierEventType Type, string Note)>> apply, CancellationToken ct,
        Func<Dossier, DossierStatus>? resumeTo = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var dossier = await DossierByCode(db, code, ct) ?? throw new DossierNotFoundException(code);
        if (dossier.Version != version) throw new DossierConcurrencyException(code);
        var actor = await LoadActorAsync(db, actorId, ct);
        var to = DossierStateMachine.Next(dossier.Status, action, resumeTo?.Invoke(dossier) ?? DossierStatus.InProgress);
        var steps = new List<ProcedureStep>();
        await foreach (var s in StepsOf(db, dossier.ProcedureId).WithCancellation(ct)) steps.Add(s);
        var now = Now;
        var context = new ActionContext
        {
            Db = db, Dossier = dossier, Actor = actor, Covered = actor.Coverage.Select(c => c.DepartmentId).ToHashSet(),
            Steps = steps, Clock = await calendars.GetClockAsync(ct), Now = now,
        };
        var (fromStatus, fromStep, fromHandler) = (dossier.Status, dossier.CurrentStep, dossier.CurrentHandlerId);

        var (type, note) = await apply(context);
        to = context.StatusOverride ?? to;
        dossier.Status = to;
        if (DossierStateMachine.IsFinal(to)) dossier.CurrentHandlerId = null;
        dossier.Version++;
        var e = DossierEvent.For(dossier, type, actor.Id, fromStatus, fromStep, fromHandler, now, note);
        db.DossierEvents.Add(e);
        _alongside?.Invoke(db, dossier, e);
        await Webhooks.WebhookOutbox.AddAsync(db, dossier, e, ct); // queued in the same SaveChanges (transaction) as the change
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DossierConcurrencyException(code);
        }
        Publish(dossier, e);
        return dossier;
    }

    private void Publish(Dossier d, DossierEvent e) =>
        changes.Publish(DossierChange.Of(e, d.Code));

    private static async Task<Staff> LoadActorAsync(OneStopDbContext db, int actorId, CancellationToken ct) =>
        await ActiveStaffById(db, actorId, ct) ?? throw new DossierRuleException(UiText.Say("Người thao tác không tồn tại hoặc đã bị khóa.", "The person acting does not exist or has been locked."));

    // The three reads every action makes (the counter, /my, the simulator, each API event), compiled once: EF skips
    // looking the LINQ up in its query cache at every call.
    private static readonly Func<OneStopDbContext, string, CancellationToken, Task<Dossier?>> DossierByCode =
        EF.CompileAsyncQuery((OneStopDbContext db, string code, CancellationToken _) => db.Dossiers.FirstOrDefault(d => d.Code == code));

    private static readonly Func<OneStopDbContext, int, CancellationToken, Task<Staff?>> ActiveStaffById =
        EF.CompileAsyncQuery((OneStopDbContext db, int id, CancellationToken _) => db.Staff.Include(s => s.Coverage).FirstOrDefault(s => s.Id == id && s.Active));

    private static readonly Func<OneStopDbContext, int, IAsyncEnumerable<ProcedureStep>> StepsOf =
        EF.CompileAsyncQuery((OneStopDbContext db, int procedureId) =>
            db.ProcedureSteps.AsNoTracking().Where(s => s.ProcedureId == procedureId).OrderBy(s => s.Order).AsQueryable());

    /// <summary>Reception and return: postal staff covering the department, or its own officers where no postal staff covers it.</summary>
    private static async Task<bool> CanReceiveForAsync(OneStopDbContext db, Staff actor, int departmentId, CancellationToken ct)
    {
        if (actor.Role == StaffRole.PostalStaff) return actor.Coverage.Any(c => c.DepartmentId == departmentId);
        if (actor.Role == StaffRole.DepartmentOfficer && actor.DepartmentId == departmentId)
            return !await db.StaffCoverage.AnyAsync(c => c.DepartmentId == departmentId && c.Staff!.Active, ct);
        return false;
    }

    private static bool FitsRole(Staff s, StaffRole role, int departmentId, IReadOnlySet<int> covered) => role switch
    {
        StaffRole.PostalStaff => s.Role == StaffRole.PostalStaff && covered.Contains(departmentId),
        StaffRole.DepartmentOfficer => s.Role == StaffRole.DepartmentOfficer && s.DepartmentId == departmentId,
        StaffRole.DepartmentLeader => s.Role == StaffRole.DepartmentLeader && s.DepartmentId == departmentId,
        _ => false,
    };

    /// <summary>The actor holds the dossier, or it waits in a pool they belong to, or it is with another agency and they are of the department.</summary>
    private static void RequireCurrentStepActor(ActionContext c)
    {
        var d = c.Dossier;
        if (d.CurrentHandlerId == c.Actor.Id) return;
        if (d.CurrentHandlerId is null)
        {
            var step = c.CurrentStep;
            if (step.Kind == StepKind.InterAgency && c.Actor.DepartmentId == d.DepartmentId
                && c.Actor.Role is StaffRole.DepartmentOfficer or StaffRole.DepartmentLeader) return;
            if (FitsRole(c.Actor, step.Role, d.DepartmentId, c.Covered)) return;
        }
        if (c.IsLeaderOfDepartment && c.CurrentStep.Kind is not (StepKind.Reception or StepKind.Return)) return;
        throw new DossierRuleException(UiText.Say($"Hồ sơ {d.Code} không nằm trong danh sách xử lý của bạn (đang ở bước «{c.CurrentStep.Name}»).",
            $"Dossier {d.Code} is not in your work list (it is at the step «{c.CurrentStep.Name}»)."));
    }

    /// <summary>Checks that the named next handler may take <paramref name="step"/>; null is allowed for pools and other agencies.</summary>
    private static async Task<Staff?> ResolveHandlerAsync(ActionContext c, ProcedureStep step, int? handlerId, CancellationToken ct)
    {
        if (step.Kind == StepKind.InterAgency)
        {
            if (handlerId is not null) throw Invalid("ToHandlerId", UiText.Say($"Người nhận: bước «{step.Name}» do {step.Agency} xử lý, không chọn người nhận trong trung tâm.",
                $"Recipient: the step «{step.Name}» is handled by {step.Agency}; choose no recipient in the center."));
            return null;
        }
        if (handlerId is null)
        {
            if (step.Role is StaffRole.DepartmentOfficer or StaffRole.DepartmentLeader) return null;
            throw Invalid("ToHandlerId", UiText.Say($"Người nhận: bắt buộc cho bước «{step.Name}».", $"Recipient: required for the step «{step.Name}»."));
        }
        var handler = await c.Db.Staff.AsNoTracking().Include(s => s.Coverage).FirstOrDefaultAsync(s => s.Id == handlerId && s.Active, ct);
        if (handler is null || !FitsRole(handler, step.Role, c.Dossier.DepartmentId, handler.Coverage.Select(x => x.DepartmentId).ToHashSet()))
            throw Invalid("ToHandlerId", UiText.Say($"Người nhận: phải là {RoleText(step.Role)} của đơn vị giải quyết hồ sơ, đang hoạt động.",
                $"Recipient: must be an active {EnglishRole(step.Role)} of the department handling the dossier."));
        return handler;
    }

    private static async Task<TimeSpan> ClosePauseAsync(ActionContext c, CancellationToken ct)
    {
        if (c.Dossier.PausedSince is not { } since) return TimeSpan.Zero;
        var pause = await c.Db.DossierPauses.Where(p => p.DossierId == c.Dossier.Id && p.EndedAt == null).OrderByDescending(p => p.Id).FirstOrDefaultAsync(ct);
        if (pause is not null) pause.EndedAt = c.Now;
        c.Dossier.PausedSince = null;
        var worked = c.Clock.Calendar.WorkingTimeBetween(since, c.Now);
        return worked > TimeSpan.Zero ? worked : TimeSpan.Zero;
    }

    private static void RequireText(string field, string label, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Invalid(field, UiText.Say($"{label}: bắt buộc.", $"{label}: required."));
        if (text.Length > MaxText) throw Invalid(field, UiText.Say($"{label}: tối đa {MaxText} ký tự.", $"{label}: at most {MaxText} characters."));
        if (TextRules.ControlCharacter(text) is { } c) throw Invalid(field, $"{label}: {TextRules.ControlRule(c)}");
    }

    private static DossierValidationException Invalid(string field, string message) =>
        new(new Dictionary<string, string> { [field] = message });

    private static string JoinNote(string what, string? note)
    {
        if (TextRules.ControlCharacter(note) is { } c) throw Invalid("Note", $"{UiText.Say("Ghi chú", "Note")}: {TextRules.ControlRule(c)}");
        return string.IsNullOrWhiteSpace(note) ? what : $"{what}. {note.Trim()}";
    }

    public static string RoleText(StaffRole role) => role switch
    {
        StaffRole.Director => "giám đốc trung tâm",
        StaffRole.PostalSupervisor => "giám sát bưu điện",
        StaffRole.PostalStaff => "nhân viên bưu điện",
        StaffRole.DepartmentOfficer => "chuyên viên",
        StaffRole.DepartmentLeader => "lãnh đạo",
        _ => "quản trị",
    };

    private static string EnglishRole(StaffRole r) => r switch
    {
        StaffRole.Director => "center director",
        StaffRole.PostalSupervisor => "postal supervisor",
        StaffRole.PostalStaff => "postal clerk",
        StaffRole.DepartmentOfficer => "officer",
        StaffRole.DepartmentLeader => "leader",
        _ => "administrator",
    };

    [GeneratedRegex("^[A-Z]{2}[0-9]{9}[A-Z]{2}$")] private static partial Regex TrackingPattern();
}
