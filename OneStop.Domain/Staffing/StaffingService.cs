using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Audit;
using OneStop.Domain.Calendar;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing.Balancing;

namespace OneStop.Domain.Staffing;

/// <summary>A staffing change refused: the message is Vietnamese, names the field and the rule; nothing changed.</summary>
public sealed class StaffingException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>What applying a suggestion did: the dossiers moved, and those that could not be (someone acted first).</summary>
public sealed record ApplyResult(IReadOnlyList<string> Moved, IReadOnlyList<string> Failed, bool CoverageAdded);

/// <summary>
/// The supervisor's staffing changes: coverage, training, absences, and applying a balancing suggestion. Each change is
/// audited in its own transaction, then <see cref="StaffingSignal"/> tells open screens. Moving dossiers goes through
/// <see cref="DossierWorkflow.ReassignAsync"/>, which writes each dossier's timeline event.
/// </summary>
public sealed class StaffingService(
    IDbContextFactory<OneStopDbContext> contexts, StaffingQuery query, DossierWorkflow workflow, StaffingSignal signal, TimeProvider time)
{
    public const int MaxNote = 400;
    public const string Area = "staffing";
    /// <summary>Roles that may change staffing (the /staffing page's audience).</summary>
    public static readonly StaffRole[] Editors = [StaffRole.PostalSupervisor, StaffRole.Director, StaffRole.Admin];

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Gives or takes a department from a postal staff member. Only someone trained for it may cover it.</summary>
    public async Task SetCoverageAsync(int staffId, int departmentId, bool covers, int actorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var actor = await ActorAsync(db, actorId, ct);
        var (staff, department) = await TargetAsync(db, staffId, departmentId, ct);
        var row = await db.StaffCoverage.FirstOrDefaultAsync(c => c.StaffId == staffId && c.DepartmentId == departmentId, ct);
        if (covers == (row is not null)) return;
        if (covers)
        {
            if (!await db.StaffQualifications.AnyAsync(q => q.StaffId == staffId && q.DepartmentId == departmentId, ct))
                throw new StaffingException("Coverage", UiText.Say($"Phân công: {staff.FullName} chưa được đào tạo về thủ tục của {department.Name}; hãy đánh dấu «đã đào tạo» trước.", $"Coverage: {staff.FullName} is not trained in the procedures of {department.Name}; mark them “trained” first."));
            db.StaffCoverage.Add(new StaffCoverage { StaffId = staffId, DepartmentId = departmentId });
        }
        else db.StaffCoverage.Remove(row!);
        AuditLog.Add(db, Now, actor.Id, actor.FullName, Area + ".coverage", covers ? "add" : "remove", $"{staff.UserName} × {department.Code}",
            covers ? $"{staff.FullName} phụ trách {department.Name}" : $"{staff.FullName} thôi phụ trách {department.Name}");
        await db.SaveChangesAsync(ct);
        signal.Raise();
    }

    /// <summary>Records that a postal staff member is (no longer) trained for a department's procedures.</summary>
    public async Task SetTrainedAsync(int staffId, int departmentId, bool trained, int actorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var actor = await ActorAsync(db, actorId, ct);
        var (staff, department) = await TargetAsync(db, staffId, departmentId, ct);
        var row = await db.StaffQualifications.FirstOrDefaultAsync(q => q.StaffId == staffId && q.DepartmentId == departmentId, ct);
        if (trained == (row is not null)) return;
        if (trained) db.StaffQualifications.Add(new StaffQualification { StaffId = staffId, DepartmentId = departmentId });
        else
        {
            if (await db.StaffCoverage.AnyAsync(c => c.StaffId == staffId && c.DepartmentId == departmentId, ct))
                throw new StaffingException("Trained", UiText.Say($"Đào tạo: {staff.FullName} đang phụ trách {department.Name}; hãy bỏ phân công trước.", $"Training: {staff.FullName} covers {department.Name}; remove that coverage first."));
            db.StaffQualifications.Remove(row!);
        }
        AuditLog.Add(db, Now, actor.Id, actor.FullName, Area + ".training", trained ? "add" : "remove", $"{staff.UserName} × {department.Code}",
            trained ? $"{staff.FullName} đã được đào tạo về {department.Name}" : $"{staff.FullName} bỏ đánh dấu đào tạo về {department.Name}");
        await db.SaveChangesAsync(ct);
        signal.Raise();
    }

    /// <summary>Records an absence on a local date (<paramref name="kind"/> null: present, the absence is removed).</summary>
    public async Task SetAbsenceAsync(int staffId, DateOnly date, AbsenceKind? kind, string? note, int actorId, CancellationToken ct = default)
    {
        if (note is { Length: > MaxNote })
            throw new StaffingException("Note", UiText.Say($"Ghi chú: tối đa {MaxNote} ký tự.", $"Note: at most {MaxNote} characters."));
        var today = WorkingCalendar.LocalDate(Now);
        if (date < today.AddDays(-31) || date > today.AddDays(366))
            throw new StaffingException("Date", UiText.Say("Ngày: chỉ ghi nhận vắng mặt từ 31 ngày trước đến một năm tới.", "Date: absences can be recorded from 31 days ago to one year ahead."));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var actor = await ActorAsync(db, actorId, ct);
        var staff = await PostalStaffAsync(db, staffId, ct);
        var row = await db.StaffAbsences.FirstOrDefaultAsync(a => a.StaffId == staffId && a.Date == date, ct);
        var before = row is null ? "có mặt" : StaffAbsence.KindText(row.Kind);
        if (kind is null)
        {
            if (row is null) return;
            db.StaffAbsences.Remove(row);
        }
        else
        {
            if (row is null) db.StaffAbsences.Add(row = new StaffAbsence { StaffId = staffId, Date = date });
            else if (row.Kind == kind && row.Note == NoteOrNull(note)) return;
            row.Kind = kind.Value;
            row.Note = NoteOrNull(note);
        }
        var after = kind is null ? "có mặt" : StaffAbsence.KindText(kind.Value) + (NoteOrNull(note) is { } n ? $" ({n})" : "");
        AuditLog.Add(db, Now, actor.Id, actor.FullName, Area + ".attendance", kind is null ? "remove" : "set", $"{staff.UserName} {date:dd/MM/yyyy}",
            $"{before} → {after}");
        await db.SaveChangesAsync(ct);
        signal.Raise();
    }

    /// <summary>
    /// Applies the suggestion with this key from the current plan (recomputed now, so a stale screen cannot apply
    /// something that no longer holds): gives the coverage, then moves each dossier through the workflow.
    /// </summary>
    public async Task<ApplyResult> ApplyAsync(string suggestionKey, int actorId, CancellationToken ct = default)
    {
        var snapshot = await query.RunAsync(ct);
        var suggestion = snapshot.Plan.Suggestions.FirstOrDefault(s => s.Key == suggestionKey)
                         ?? throw new StaffingException("Suggestion", UiText.Say("Đề xuất: tình hình đã thay đổi (có người vừa chuyển hồ sơ hoặc đổi phân công); hãy xem các đề xuất mới.", "Suggestion: things have changed (someone just moved dossiers or changed coverage); see the new suggestions."));
        var to = snapshot.Staff.First(s => s.StaffId == suggestion.ToStaffId);
        // The balancer guarantees these; checked again because this is the one place that acts on them.
        if (!to.Present || !to.Trained.Contains(suggestion.DepartmentId))
            throw new StaffingException("Suggestion", UiText.Say($"Đề xuất: {to.FullName} vắng mặt hoặc chưa được đào tạo cho đơn vị này.", $"Suggestion: {to.FullName} is absent or not trained for this department."));

        await using var db = await contexts.CreateDbContextAsync(ct);
        var actor = await ActorAsync(db, actorId, ct);
        var department = snapshot.Department(suggestion.DepartmentId)!;
        var coverageAdded = false;
        if (!to.Covers.Contains(suggestion.DepartmentId))
        {
            db.StaffCoverage.Add(new StaffCoverage { StaffId = to.StaffId, DepartmentId = suggestion.DepartmentId });
            AuditLog.Add(db, Now, actor.Id, actor.FullName, Area + ".coverage", "add", $"{to.UserName} × {department.Code}",
                $"{to.FullName} phụ trách {department.Name} (theo đề xuất điều phối ngày {snapshot.Day:dd/MM/yyyy})");
            await db.SaveChangesAsync(ct);
            coverageAdded = true;
            signal.Raise();
        }

        var moved = new List<string>();
        var failed = new List<string>();
        foreach (var d in suggestion.Dossiers)
        {
            try
            {
                await workflow.ReassignAsync(d.Code, d.Version, actor.Id, to.StaffId, "Cân bằng tải", ct);
                moved.Add(d.Code);
            }
            catch (Exception e) when (e is DossierConcurrencyException or DossierRuleException or DossierValidationException or DossierNotFoundException)
            {
                failed.Add(d.Code);
            }
        }
        if (suggestion.Dossiers.Count > 0)
        {
            var from = suggestion.FromStaffId is { } f ? snapshot.StaffName(f) : "";
            AuditLog.Add(db, Now, actor.Id, actor.FullName, Area + ".balancing", "apply-suggestion", $"{department.Code}: {from} → {to.FullName}",
                $"Chuyển {moved.Count} hồ sơ: {string.Join(", ", moved)}" + (failed.Count > 0 ? $"; không chuyển được (đã thay đổi): {string.Join(", ", failed)}" : ""));
            await db.SaveChangesAsync(ct);
        }
        return new ApplyResult(moved, failed, coverageAdded);
    }

    private static string? NoteOrNull(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    private static async Task<Staff> ActorAsync(OneStopDbContext db, int actorId, CancellationToken ct)
    {
        var actor = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == actorId && s.Active, ct);
        if (actor is null || !Editors.Contains(actor.Role))
            throw new StaffingException("Actor", UiText.Say("Chỉ giám sát bưu điện, giám đốc trung tâm hoặc quản trị được thay đổi phân công nhân sự.", "Only the postal supervisor, the center's director or an administrator may change staff assignments."));
        return actor;
    }

    private static async Task<Staff> PostalStaffAsync(OneStopDbContext db, int staffId, CancellationToken ct) =>
        await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == staffId && s.Active && s.Role == StaffRole.PostalStaff, ct)
        ?? throw new StaffingException("Staff", UiText.Say("Nhân viên: phải là nhân viên bưu điện đang hoạt động.", "Staff member: must be an active postal staff member."));

    private static async Task<(Staff, Catalog.Department)> TargetAsync(OneStopDbContext db, int staffId, int departmentId, CancellationToken ct)
    {
        var staff = await PostalStaffAsync(db, staffId, ct);
        var department = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == departmentId && d.PostalCovered, ct)
                         ?? throw new StaffingException("Department", UiText.Say("Đơn vị: phải là đơn vị giao cho bưu điện tiếp nhận (xem phần kế hoạch để thử thêm đơn vị).", "Department: must be one the post office serves (try adding departments in the plan section)."));
        return (staff, department);
    }
}
