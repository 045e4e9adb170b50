using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Audit;
using OneStop.Domain.Catalog;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Settings;

public sealed record DepartmentInput(int Id, string Code, string Name, bool PostalCovered, int SortOrder);
public sealed record FieldInput(int Id, int DepartmentId, string Code, string Name);
public sealed record StepInput(string Name, StepKind Kind, StaffRole Role, double SharePercent, string? Agency);
public sealed record ProcedureInput(int Id, string Code, string Name, int DepartmentId, int FieldId, int StatutoryAmount, TimeUnit StatutoryUnit,
    IReadOnlyList<StepInput> Steps);

/// <summary>
/// Departments, fields and procedures with their steps and time shares, as the administrator edits them. Every rule
/// is checked before anything is written; a change and its audit entry commit together.
/// </summary>
public sealed partial class CatalogSettings(IDbContextFactory<OneStopDbContext> contexts, TimeProvider time)
{
    public const string Area = "settings.catalog";

    [GeneratedRegex("^[A-Z0-9][A-Z0-9._-]{0,19}$")]
    private static partial Regex CodePattern();
    private static string CodeRule => UiText.Say("chỉ chữ in hoa không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới, tối đa 20 ký tự.", "only unaccented capital letters, digits, dots, hyphens or underscores, at most 20 characters.");

    public async Task<SettingsResult> SaveDepartmentAsync(DepartmentInput input, SettingsActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await SettingsGuard.IsAdminAsync(db, actor, ct)) return SettingsResult.Fail(UiText.Say("Người thực hiện", "Your account"), SettingsGuard.NotAdmin);
        var errors = new SettingsErrors();
        var code = (input.Code ?? "").Trim().ToUpperInvariant();
        if (!CodePattern().IsMatch(code)) errors.Add(UiText.Say("Mã đơn vị", "Department code"), CodeRule);
        else if (await db.Departments.AnyAsync(d => d.Code == code && d.Id != input.Id, ct)) errors.Add(UiText.Say("Mã đơn vị", "Department code"), UiText.Say($"«{code}» đã có đơn vị khác dùng.", $"«{code}» is used by another department."));
        errors.Required(UiText.Say("Tên đơn vị", "Department name"), input.Name, 200);
        if (input.SortOrder is < 0 or > 9999) errors.Add(UiText.Say("Thứ tự", "Order"), UiText.Say("từ 0 đến 9999.", "from 0 to 9999."));
        var entity = input.Id == 0 ? null : await db.Departments.FirstOrDefaultAsync(d => d.Id == input.Id, ct);
        if (input.Id != 0 && entity is null) errors.Add(UiText.Say("Đơn vị", "Department"), UiText.Say("không tồn tại.", "does not exist."));
        if (entity is not null && entity.Code != code && await db.Dossiers.AnyAsync(d => d.DepartmentId == entity.Id, ct))
            errors.Add(UiText.Say("Mã đơn vị", "Department code"), UiText.Say("không đổi được khi đơn vị đã có hồ sơ (mã nằm trong mã hồ sơ và đường dẫn).", "cannot change once the department has dossiers (the code is part of dossier codes and links)."));
        if (errors.Any) return errors.Result();

        var before = entity is null ? null : JsonSerializer.Serialize(new { entity.Code, entity.Name, entity.PostalCovered, entity.SortOrder });
        entity ??= db.Departments.Add(new Department { Code = code, Name = "" }).Entity;
        entity.Code = code;
        entity.Name = input.Name.Trim();
        entity.PostalCovered = input.PostalCovered;
        entity.SortOrder = input.SortOrder;
        var after = JsonSerializer.Serialize(new { entity.Code, entity.Name, entity.PostalCovered, entity.SortOrder });
        AuditLog.Add(db, time.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, Area, before is null ? "add-department" : "update-department",
            $"Đơn vị {code}", before is null ? after : $"{before} → {after}");
        await db.SaveChangesAsync(ct);
        return SettingsResult.Ok;
    }

    public async Task<SettingsResult> SaveFieldAsync(FieldInput input, SettingsActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await SettingsGuard.IsAdminAsync(db, actor, ct)) return SettingsResult.Fail(UiText.Say("Người thực hiện", "Your account"), SettingsGuard.NotAdmin);
        var errors = new SettingsErrors();
        var code = (input.Code ?? "").Trim().ToUpperInvariant();
        if (!await db.Departments.AnyAsync(d => d.Id == input.DepartmentId, ct)) errors.Add(UiText.Say("Đơn vị", "Department"), UiText.Say("chọn một đơn vị có trong danh sách.", "choose a department from the list."));
        if (!CodePattern().IsMatch(code)) errors.Add(UiText.Say("Mã lĩnh vực", "Field code"), CodeRule);
        else if (await db.Fields.AnyAsync(f => f.DepartmentId == input.DepartmentId && f.Code == code && f.Id != input.Id, ct))
            errors.Add(UiText.Say("Mã lĩnh vực", "Field code"), UiText.Say($"«{code}» đã có trong đơn vị này.", $"«{code}» already exists in this department."));
        errors.Required(UiText.Say("Tên lĩnh vực", "Field name"), input.Name, 200);
        var entity = input.Id == 0 ? null : await db.Fields.FirstOrDefaultAsync(f => f.Id == input.Id, ct);
        if (input.Id != 0 && entity is null) errors.Add(UiText.Say("Lĩnh vực", "Field"), UiText.Say("không tồn tại.", "does not exist."));
        if (entity is not null && entity.DepartmentId != input.DepartmentId && await db.Procedures.AnyAsync(p => p.FieldId == entity.Id, ct))
            errors.Add(UiText.Say("Đơn vị", "Department"), UiText.Say("không chuyển được lĩnh vực đã có thủ tục sang đơn vị khác.", "a field that has procedures cannot move to another department."));
        if (errors.Any) return errors.Result();

        var before = entity is null ? null : JsonSerializer.Serialize(new { entity.DepartmentId, entity.Code, entity.Name });
        entity ??= db.Fields.Add(new Field { Code = code, Name = "" }).Entity;
        entity.DepartmentId = input.DepartmentId;
        entity.Code = code;
        entity.Name = input.Name.Trim();
        var after = JsonSerializer.Serialize(new { entity.DepartmentId, entity.Code, entity.Name });
        AuditLog.Add(db, time.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, Area, before is null ? "add-field" : "update-field",
            $"Lĩnh vực {code}", before is null ? after : $"{before} → {after}");
        await db.SaveChangesAsync(ct);
        return SettingsResult.Ok;
    }

    /// <summary>
    /// Creates or updates a procedure with its steps. Shares are given in percent and must add up to 100. A procedure
    /// that has dossiers keeps its number of steps and their kinds (dossiers point at a step by its position); names,
    /// roles, shares and the statutory time may change.
    /// </summary>
    public async Task<SettingsResult> SaveProcedureAsync(ProcedureInput input, SettingsActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await SettingsGuard.IsAdminAsync(db, actor, ct)) return SettingsResult.Fail(UiText.Say("Người thực hiện", "Your account"), SettingsGuard.NotAdmin);
        var errors = new SettingsErrors();
        var code = (input.Code ?? "").Trim().ToUpperInvariant();
        if (!CodePattern().IsMatch(code)) errors.Add(UiText.Say("Mã thủ tục", "Procedure code"), CodeRule);
        else if (await db.Procedures.AnyAsync(p => p.Code == code && p.Id != input.Id, ct)) errors.Add(UiText.Say("Mã thủ tục", "Procedure code"), UiText.Say($"«{code}» đã có thủ tục khác dùng.", $"«{code}» is used by another procedure."));
        errors.Required(UiText.Say("Tên thủ tục", "Procedure name"), input.Name, 500);
        if (!await db.Departments.AnyAsync(d => d.Id == input.DepartmentId, ct)) errors.Add(UiText.Say("Đơn vị", "Department"), UiText.Say("chọn một đơn vị có trong danh sách.", "choose a department from the list."));
        if (!await db.Fields.AnyAsync(f => f.Id == input.FieldId && f.DepartmentId == input.DepartmentId, ct))
            errors.Add(UiText.Say("Lĩnh vực", "Field"), UiText.Say("chọn một lĩnh vực của đơn vị đã chọn.", "choose a field of the chosen department."));
        var maxAmount = input.StatutoryUnit == TimeUnit.WorkingHours ? 200 : 365;
        if (input.StatutoryAmount < 1 || input.StatutoryAmount > maxAmount)
            errors.Add(UiText.Say("Thời hạn giải quyết", "Time limit"), UiText.Say($"từ 1 đến {maxAmount} {(input.StatutoryUnit == TimeUnit.WorkingHours ? "giờ" : "ngày")} làm việc.", $"from 1 to {maxAmount} working {(input.StatutoryUnit == TimeUnit.WorkingHours ? "hours" : "days")}."));

        var steps = input.Steps ?? [];
        if (steps.Count == 0) errors.Add(UiText.Say("Các bước", "Steps"), UiText.Say("cần ít nhất một bước.", "at least one step is needed."));
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var label = UiText.Say($"Bước {i + 1}", $"Step {i + 1}");
            errors.Required(UiText.Say($"{label}: tên", $"{label}: name"), s.Name, 200);
            if (double.IsNaN(s.SharePercent) || s.SharePercent <= 0 || s.SharePercent > 100) errors.Add(UiText.Say($"{label}: tỷ lệ thời gian", $"{label}: time share"), UiText.Say("lớn hơn 0% và không quá 100%.", "more than 0% and at most 100%."));
            if (s.Kind == StepKind.InterAgency && string.IsNullOrWhiteSpace(s.Agency)) errors.Add(UiText.Say($"{label}: cơ quan phối hợp", $"{label}: partner agency"), UiText.Say("bắt buộc với bước liên thông.", "required for an inter-agency step."));
            if (s.Kind is StepKind.Reception or StepKind.Return && s.Role is not (StaffRole.PostalStaff or StaffRole.DepartmentOfficer))
                errors.Add(UiText.Say($"{label}: người thực hiện", $"{label}: done by"), UiText.Say("bước tiếp nhận và trả kết quả do nhân viên bưu điện hoặc chuyên viên thực hiện.", "reception and return steps are done by postal staff or a department officer."));
        }
        if (steps.Count > 0)
        {
            var total = steps.Sum(s => s.SharePercent);
            if (Math.Abs(total - 100) > 0.01) errors.Add(UiText.Say("Tỷ lệ thời gian các bước", "Step time shares"), UiText.Say($"tổng phải bằng 100% (đang là {total:0.##}%).", $"must add up to 100% (now {total:0.##}%)."));
            if (steps.Count(s => s.Kind == StepKind.Reception) > 1 || steps.Skip(1).Any(s => s.Kind == StepKind.Reception))
                errors.Add(UiText.Say("Các bước", "Steps"), UiText.Say("bước tiếp nhận, nếu có, là bước đầu tiên và chỉ có một.", "a reception step, if any, comes first and only once."));
            if (steps.Count(s => s.Kind == StepKind.Return) > 1 || steps.SkipLast(1).Any(s => s.Kind == StepKind.Return))
                errors.Add(UiText.Say("Các bước", "Steps"), UiText.Say("bước trả kết quả, nếu có, là bước cuối cùng và chỉ có một.", "a return step, if any, comes last and only once."));
        }

        var entity = input.Id == 0 ? null : await db.Procedures.Include(p => p.Steps).FirstOrDefaultAsync(p => p.Id == input.Id, ct);
        if (input.Id != 0 && entity is null) errors.Add(UiText.Say("Thủ tục", "Procedure"), UiText.Say("không tồn tại.", "does not exist."));
        if (entity is not null && await db.Dossiers.AnyAsync(d => d.ProcedureId == entity.Id, ct))
        {
            var old = entity.Steps.OrderBy(s => s.Order).Select(s => s.Kind).ToList();
            if (!old.SequenceEqual(steps.Select(s => s.Kind)))
                errors.Add(UiText.Say("Các bước", "Steps"), UiText.Say("thủ tục đã có hồ sơ: giữ nguyên số bước và loại bước (chỉ sửa tên, người thực hiện, tỷ lệ).", "the procedure has dossiers: keep the number and kinds of its steps (change only names, who does them and shares)."));
            if (entity.DepartmentId != input.DepartmentId) errors.Add(UiText.Say("Đơn vị", "Department"), UiText.Say("thủ tục đã có hồ sơ: không chuyển sang đơn vị khác.", "the procedure has dossiers: it cannot move to another department."));
        }
        if (errors.Any) return errors.Result();

        var before = entity is null ? null : Describe(entity);
        entity ??= db.Procedures.Add(new Procedure { Code = code, Name = "" }).Entity;
        entity.Code = code;
        entity.Name = input.Name.Trim();
        entity.DepartmentId = input.DepartmentId;
        entity.FieldId = input.FieldId;
        entity.StatutoryAmount = input.StatutoryAmount;
        entity.StatutoryUnit = input.StatutoryUnit;
        var existing = entity.Steps.OrderBy(s => s.Order).ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = i < existing.Count ? existing[i] : new ProcedureStep { Name = "" };
            if (i >= existing.Count) entity.Steps.Add(step);
            step.Order = i + 1;
            step.Name = steps[i].Name.Trim();
            step.Kind = steps[i].Kind;
            step.Role = steps[i].Role;
            step.Share = steps[i].SharePercent / 100.0;
            step.Agency = string.IsNullOrWhiteSpace(steps[i].Agency) ? null : steps[i].Agency!.Trim();
        }
        foreach (var extra in existing.Skip(steps.Count)) db.ProcedureSteps.Remove(extra);
        AuditLog.Add(db, time.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, Area, before is null ? "add-procedure" : "update-procedure",
            $"Thủ tục {code}", before is null ? Describe(entity) : $"{before} → {Describe(entity)}");
        await db.SaveChangesAsync(ct);
        return SettingsResult.Ok;
    }

    private static string Describe(Procedure p) =>
        $"{p.Name}; {p.StatutoryAmount} {(p.StatutoryUnit == TimeUnit.WorkingHours ? "giờ" : "ngày")}; "
        + string.Join(", ", p.Steps.OrderBy(s => s.Order).Select(s => $"{s.Order}. {s.Name} {s.Share * 100:0.##}%"));
}
