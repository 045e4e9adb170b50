using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Audit;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Settings;

public sealed record StaffInput(int Id, string UserName, string FullName, StaffRole Role, int? DepartmentId, string? Email);

/// <summary>Staff accounts and their roles: create, change role or department, deactivate, reset a password.</summary>
public sealed partial class StaffSettings(IDbContextFactory<OneStopDbContext> contexts, TimeProvider time, StaffSessions? sessions = null)
{
    public const string Area = "settings.staff";
    public const int MinPasswordLength = 8;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,39}$")]
    private static partial Regex UserNamePattern();

    /// <summary>Creates (Id 0, with <paramref name="password"/>) or updates an account's name, role and department.</summary>
    public async Task<SettingsResult> SaveAsync(StaffInput input, string? password, SettingsActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await SettingsGuard.IsAdminAsync(db, actor, ct)) return SettingsResult.Fail(UiText.Say("Người thực hiện", "Your account"), SettingsGuard.NotAdmin);
        var errors = new SettingsErrors();
        var userName = (input.UserName ?? "").Trim().ToLowerInvariant();
        if (!UserNamePattern().IsMatch(userName))
            errors.Add(UiText.Say("Tên đăng nhập", "User name"), UiText.Say("3 đến 40 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.", "3 to 40 characters: unaccented lower-case letters, digits, dots, hyphens or underscores."));
        else if (await db.Staff.AnyAsync(s => s.UserName == userName && s.Id != input.Id, ct))
            errors.Add(UiText.Say("Tên đăng nhập", "User name"), UiText.Say($"«{userName}» đã có người dùng.", $"«{userName}» is already taken."));
        errors.Required(UiText.Say("Họ và tên", "Full name"), input.FullName, 200);
        if (!Enum.IsDefined(input.Role)) errors.Add(UiText.Say("Vai trò", "Role"), UiText.Say("chọn một vai trò có trong danh sách.", "choose a role from the list."));
        var needsDepartment = input.Role is StaffRole.DepartmentOfficer or StaffRole.DepartmentLeader;
        if (needsDepartment && (input.DepartmentId is not { } d || !await db.Departments.AnyAsync(x => x.Id == d, ct)))
            errors.Add(UiText.Say("Đơn vị", "Department"), UiText.Say("bắt buộc với chuyên viên và lãnh đạo đơn vị: chọn một đơn vị có trong danh sách.", "required for department officers and leaders: choose a department from the list."));
        if (!string.IsNullOrWhiteSpace(input.Email) && !input.Email.Contains('@')) errors.Add("Email", UiText.Say("không đúng định dạng (thiếu @).", "not a valid address (no @)."));
        var entity = input.Id == 0 ? null : await db.Staff.Include(s => s.Coverage).FirstOrDefaultAsync(s => s.Id == input.Id, ct);
        if (input.Id != 0 && entity is null) errors.Add(UiText.Say("Nhân sự", "Staff member"), UiText.Say("không tồn tại.", "does not exist."));
        if (input.Id == 0) CheckPassword(errors, password);
        if (entity is not null && entity.Id == actor.StaffId && input.Role != StaffRole.Admin)
            errors.Add(UiText.Say("Vai trò", "Role"), UiText.Say("không tự bỏ vai trò quản trị của chính mình.", "you cannot take away your own administrator role."));
        if (errors.Any) return errors.Result();

        var before = entity is null ? null : $"{entity.UserName}, {entity.FullName}, {entity.Role}, đơn vị {entity.DepartmentId?.ToString() ?? "—"}";
        (string, StaffRole, int?)? identityBefore = entity is null ? null : (entity.UserName, entity.Role, entity.DepartmentId);
        entity ??= db.Staff.Add(new Staff { UserName = userName, FullName = "" }).Entity;
        entity.UserName = userName;
        entity.FullName = input.FullName.Trim();
        entity.Role = input.Role;
        entity.DepartmentId = needsDepartment ? input.DepartmentId : null;
        entity.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        // Only postal staff cover departments: a role change away from it ends the coverage.
        if (entity.Role != StaffRole.PostalStaff) entity.Coverage.Clear();
        if (before is null) entity.PasswordHash = StaffAuthenticator.Hash(entity, password!);
        var after = $"{entity.UserName}, {entity.FullName}, {entity.Role}, đơn vị {entity.DepartmentId?.ToString() ?? "—"}";
        // Who the person is (the cookie's name, role and department) changed: every sign-in made before ends.
        var ended = identityBefore is { } was && was != (entity.UserName, entity.Role, entity.DepartmentId);
        if (ended) entity.SecurityStamp = StaffSessions.NewStamp();
        AuditLog.Add(db, time.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, Area, before is null ? "add" : "update", $"Nhân sự {userName}",
            before is null ? after : $"{before} → {after}" + (ended ? "; các phiên đăng nhập đã kết thúc" : ""));
        await db.SaveChangesAsync(ct);
        if (ended) await AccountChangedAsync(entity.Id, ct);
        return SettingsResult.Ok;
    }

    public async Task<SettingsResult> SetActiveAsync(int staffId, bool active, SettingsActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await SettingsGuard.IsAdminAsync(db, actor, ct)) return SettingsResult.Fail(UiText.Say("Người thực hiện", "Your account"), SettingsGuard.NotAdmin);
        var entity = await db.Staff.FirstOrDefaultAsync(s => s.Id == staffId, ct);
        if (entity is null) return SettingsResult.Fail(UiText.Say("Nhân sự", "Staff member"), UiText.Say("không tồn tại.", "does not exist."));
        if (entity.Id == actor.StaffId && !active) return SettingsResult.Fail(UiText.Say("Trạng thái", "State"), UiText.Say("không tự khóa tài khoản của chính mình.", "you cannot deactivate your own account."));
        if (entity.Active == active) return SettingsResult.Ok;
        entity.Active = active;
        // Reactivating also clears a sign-in lock.
        if (active) { entity.FailedSignIns = 0; entity.LockedUntil = null; }
        else entity.SecurityStamp = StaffSessions.NewStamp(); // a lock ends the open sessions at once
        AuditLog.Add(db, time.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, Area, active ? "activate" : "deactivate", $"Nhân sự {entity.UserName}");
        await db.SaveChangesAsync(ct);
        if (!active) await AccountChangedAsync(entity.Id, ct);
        return SettingsResult.Ok;
    }

    /// <summary>Sets a new password chosen by the administrator and lifts a sign-in lock.</summary>
    public async Task<SettingsResult> ResetPasswordAsync(int staffId, string? password, SettingsActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await SettingsGuard.IsAdminAsync(db, actor, ct)) return SettingsResult.Fail(UiText.Say("Người thực hiện", "Your account"), SettingsGuard.NotAdmin);
        var errors = new SettingsErrors();
        var entity = await db.Staff.FirstOrDefaultAsync(s => s.Id == staffId, ct);
        if (entity is null) errors.Add(UiText.Say("Nhân sự", "Staff member"), UiText.Say("không tồn tại.", "does not exist."));
        CheckPassword(errors, password);
        if (errors.Any) return errors.Result();
        entity!.PasswordHash = StaffAuthenticator.Hash(entity, password!);
        entity.FailedSignIns = 0;
        entity.LockedUntil = null;
        entity.SecurityStamp = StaffSessions.NewStamp(); // whoever knew the old password is signed out
        AuditLog.Add(db, time.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, Area, "reset-password", $"Nhân sự {entity.UserName}");
        await db.SaveChangesAsync(ct);
        await AccountChangedAsync(entity.Id, ct);
        return SettingsResult.Ok;
    }

    /// <summary>The stamp is already saved (that alone refuses old cookies on every node); this ends the rows and tells this node's circuits.</summary>
    private Task AccountChangedAsync(int staffId, CancellationToken ct) => sessions?.AccountChangedAsync(staffId, ct) ?? Task.CompletedTask;

    private static void CheckPassword(SettingsErrors errors, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
            errors.Add(UiText.Say("Mật khẩu", "Password"), UiText.Say($"ít nhất {MinPasswordLength} ký tự.", $"at least {MinPasswordLength} characters."));
        else if (password.Length > 128) errors.Add(UiText.Say("Mật khẩu", "Password"), UiText.Say("tối đa 128 ký tự.", "at most 128 characters."));
        else if (!password.Any(char.IsLetter) || !password.Any(char.IsDigit)) errors.Add(UiText.Say("Mật khẩu", "Password"), UiText.Say("có cả chữ và số.", "must contain both letters and digits."));
    }
}
