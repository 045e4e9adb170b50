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
    private const string CodeRule = "chỉ chữ in hoa không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới, tối đa 20 ký tự.";

    public async Task<SettingsResult> SaveDepartmentAsync(DepartmentInput input, SettingsActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await SettingsGuard.IsAdminAsync(db, actor, ct)) return SettingsResult.Fail("Người thực hiện", SettingsGuard.NotAdmin);
        var errors = new SettingsErrors();
        var code = (input.Code ?? "").Trim().ToUpperInvariant();
        if (!CodePattern().IsMatch(code)) errors.Add("Mã đơn vị", CodeRule);
        else if (await db.Departments.AnyAsync(d => d.Code == code && d.Id != input.Id, ct)) errors.Add("Mã đơn vị", $"«{code}» đã có đơn vị khác dùng.");
        errors.Required("Tên đơn vị", input.Name, 200);
        if (input.SortOrder is < 0 or > 9999) errors.Add("Thứ tự", "từ 0 đến 9999.");
        var entity = input.Id == 0 ? null : await db.Departments.FirstOrDefaultAsync(d => d.Id == input.Id, ct);
        if (input.Id != 0 && entity is null) errors.Add("Đơn vị", "không tồn tại.");
        if (entity is not null && entity.Code != code && await db.Dossiers.AnyAsync(d => d.DepartmentId == entity.Id, ct))
            errors.Add("Mã đơn vị", "không đổi được khi đơn vị đã có hồ sơ (mã nằm trong mã hồ sơ và đường dẫn).");
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
        if (!await SettingsGuard.IsAdminAsync(db, actor, ct)) return SettingsResult.Fail("Người thực hiện", SettingsGuard.NotAdmin);
        var errors = new SettingsErrors();
        var code = (input.Code ?? "").Trim().ToUpperInvariant();
        if (!await db.Departments.AnyAsync(d => d.Id == input.DepartmentId, ct)) errors.Add("Đơn vị", "chọn một đơn vị có trong danh sách.");
        if (!CodePattern().IsMatch(code)) errors.Add("Mã lĩnh vực", CodeRule);
        else if (await db.Fields.AnyAsync(f => f.DepartmentId == input.DepartmentId && f.Code == code && f.Id != input.Id, ct))
            errors.Add("Mã lĩnh vực", $"«{code}» đã có trong đơn vị này.");
        errors.Required("Tên lĩnh vực", input.Name, 200);
        var entity = input.Id == 0 ? null : await db.Fields.FirstOrDefaultAsync(f => f.Id == input.Id, ct);
        if (input.Id != 0 && entity is null) errors.Add("Lĩnh vực", "không tồn tại.");
        if (entity is not null && entity.DepartmentId != input.DepartmentId && await db.Procedures.AnyAsync(p => p.FieldId == entity.Id, ct))
            errors.Add("Đơn vị", "không chuyển được lĩnh vực đã có thủ tục sang đơn vị khác.");
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
        if (!await SettingsGuard.IsAdminAsync(db, actor, ct)) return SettingsResult.Fail("Người thực hiện", SettingsGuard.NotAdmin);
        var errors = new SettingsErrors();
        var code = (input.Code ?? "").Trim().ToUpperInvariant();
        if (!CodePattern().IsMatch(code)) errors.Add("Mã thủ tục", CodeRule);
        else if (await db.Procedures.AnyAsync(p => p.Code == code && p.Id != input.Id, ct)) errors.Add("Mã thủ tục", $"«{code}» đã có thủ tục khác dùng.");
        errors.Required("Tên thủ tục", input.Name, 500);
        if (!await db.Departments.AnyAsync(d => d.Id == input.DepartmentId, ct)) errors.Add("Đơn vị", "chọn một đơn vị có trong danh sách.");
        if (!await db.Fields.AnyAsync(f => f.Id == input.FieldId && f.DepartmentId == input.DepartmentId, ct))
            errors.Add("Lĩnh vực", "chọn một lĩnh vực của đơn vị đã chọn.");
        var maxAmount = input.StatutoryUnit == TimeUnit.WorkingHours ? 200 : 365;
        if (input.StatutoryAmount < 1 || input.StatutoryAmount > maxAmount)
            errors.Add("Thời hạn giải quyết", $"từ 1 đến {maxAmount} {(input.StatutoryUnit == TimeUnit.WorkingHours ? "giờ" : "ngày")} làm việc.");

        var steps = input.Steps ?? [];
        if (steps.Count == 0) errors.Add("Các bước", "cần ít nhất một bước.");
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var label = $"Bước {i + 1}";
            errors.Required($"{label}: tên", s.Name, 200);
            if (double.IsNaN(s.SharePercent) || s.SharePercent <= 0 || s.SharePercent > 100) errors.Add($"{label}: tỷ lệ thời gian", "lớn hơn 0% và không quá 100%.");
            if (s.Kind == StepKind.InterAgency && string.IsNullOrWhiteSpace(s.Agency)) errors.Add($"{label}: cơ quan phối hợp", "bắt buộc với bước liên thông.");
            if (s.Kind is StepKind.Reception or StepKind.Return && s.Role is not (StaffRole.PostalStaff or StaffRole.DepartmentOfficer))
                errors.Add($"{label}: người thực hiện", "bước tiếp nhận và trả kết quả do nhân viên bưu điện hoặc chuyên viên thực hiện.");
        }
        if (steps.Count > 0)
        {
            var total = steps.Sum(s => s.SharePercent);
            if (Math.Abs(total - 100) > 0.01) errors.Add("Tỷ lệ thời gian các bước", $"tổng phải bằng 100% (đang là {total:0.##}%).");
            if (steps.Count(s => s.Kind == StepKind.Reception) > 1 || steps.Skip(1).Any(s => s.Kind == StepKind.Reception))
                errors.Add("Các bước", "bước tiếp nhận, nếu có, là bước đầu tiên và chỉ có một.");
            if (steps.Count(s => s.Kind == StepKind.Return) > 1 || steps.SkipLast(1).Any(s => s.Kind == StepKind.Return))
                errors.Add("Các bước", "bước trả kết quả, nếu có, là bước cuối cùng và chỉ có một.");
        }

        var entity = input.Id == 0 ? null : await db.Procedures.Include(p => p.Steps).FirstOrDefaultAsync(p => p.Id == input.Id, ct);
        if (input.Id != 0 && entity is null) errors.Add("Thủ tục", "không tồn tại.");
        if (entity is not null && await db.Dossiers.AnyAsync(d => d.ProcedureId == entity.Id, ct))
        {
            var old = entity.Steps.OrderBy(s => s.Order).Select(s => s.Kind).ToList();
            if (!old.SequenceEqual(steps.Select(s => s.Kind)))
                errors.Add("Các bước", "thủ tục đã có hồ sơ: giữ nguyên số bước và loại bước (chỉ sửa tên, người thực hiện, tỷ lệ).");
            if (entity.DepartmentId != input.DepartmentId) errors.Add("Đơn vị", "thủ tục đã có hồ sơ: không chuyển sang đơn vị khác.");
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
