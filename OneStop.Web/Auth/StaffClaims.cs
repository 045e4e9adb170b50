using System.Security.Claims;
using OneStop.Domain.Staffing;

namespace OneStop.Web.Auth;

/// <summary>What the sign-in cookie says about the staff member, and how to read it back.</summary>
public static class StaffClaims
{
    public const string DepartmentId = "onestop:department";
    public const string FullName = "onestop:fullname";
    /// <summary>The session the cookie belongs to and the account's security stamp at sign-in (<see cref="SessionChecks"/>).</summary>
    public const string SessionId = "onestop:session", Stamp = "onestop:stamp";

    public static ClaimsPrincipal Principal(Staff staff, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, staff.Id.ToString()),
            new(ClaimTypes.Name, staff.UserName),
            new(FullName, staff.FullName),
            new(ClaimTypes.Role, staff.Role.ToString()),
        };
        if (staff.DepartmentId is { } d) claims.Add(new(DepartmentId, d.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static int? StaffId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string? SessionOf(this ClaimsPrincipal user) => user.FindFirstValue(SessionId);

    public static string? StampOf(this ClaimsPrincipal user) => user.FindFirstValue(Stamp);

    public static int? DepartmentOf(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(DepartmentId), out var id) ? id : null;

    public static StaffRole? Role(this ClaimsPrincipal user) =>
        Enum.TryParse<StaffRole>(user.FindFirstValue(ClaimTypes.Role), out var r) ? r : null;

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(FullName) ?? user.Identity?.Name ?? "";

    public static string RoleText(StaffRole role) => role switch
    {
        StaffRole.Director => "Giám đốc Trung tâm",
        StaffRole.PostalSupervisor => "Giám sát Bưu điện",
        StaffRole.PostalStaff => "Nhân viên bưu điện",
        StaffRole.DepartmentOfficer => "Chuyên viên",
        StaffRole.DepartmentLeader => "Lãnh đạo đơn vị",
        _ => "Quản trị hệ thống",
    };
}

/// <summary>Role lists for [Authorize(Roles = ...)].</summary>
public static class Roles
{
    public const string Staff = "Director,PostalSupervisor,PostalStaff,DepartmentOfficer,DepartmentLeader,Admin";
    public const string Intake = "PostalStaff,DepartmentOfficer";
    public const string Handlers = "PostalStaff,DepartmentOfficer,DepartmentLeader";
    /// <summary>Who may open dossier pages, queues and printables at all; which departments is DossierScope's rule.</summary>
    public const string DossierReaders = "Director,PostalSupervisor,PostalStaff,DepartmentOfficer,DepartmentLeader";
    /// <summary>The postal staff boards: the people who run or balance postal work.</summary>
    public const string PostalBoards = "Director,PostalSupervisor,PostalStaff";
    public const string Admin = "Admin";
}
