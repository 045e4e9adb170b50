namespace OneStop.Domain.Staffing;

public enum StaffRole
{
    Director,
    PostalSupervisor,
    PostalStaff,
    DepartmentOfficer,
    DepartmentLeader,
    Admin,
}

/// <summary>A person who uses OneStop: center, post office or department.</summary>
public sealed class Staff
{
    public int Id { get; set; }
    /// <summary>Sign-in name, unique.</summary>
    public required string UserName { get; set; }
    public required string FullName { get; set; }
    public StaffRole Role { get; set; }
    /// <summary>For department officers and leaders: their department.</summary>
    public int? DepartmentId { get; set; }
    public Catalog.Department? Department { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public bool Active { get; set; } = true;
    /// <summary>PasswordHasher output; null until a password is set.</summary>
    public string? PasswordHash { get; set; }
    /// <summary>Wrong passwords in a row since the last successful sign-in (see <see cref="SignInOptions"/>).</summary>
    public int FailedSignIns { get; set; }
    /// <summary>Sign-in refused until this instant (UTC) after too many wrong passwords; null when not locked.</summary>
    public DateTime? LockedUntil { get; set; }
    /// <summary>
    /// Changes whenever what the person may do changes (lock, password, user name, role, department, "sign out
    /// everywhere"); a sign-in cookie made before the change carries the old value and is refused (<see cref="StaffSessions"/>).
    /// </summary>
    public string SecurityStamp { get; set; } = StaffSessions.NewStamp();

    public List<StaffCoverage> Coverage { get; set; } = new();
}

/// <summary>A postal staff member covers a department: receives and returns its dossiers.</summary>
public sealed class StaffCoverage
{
    public int StaffId { get; set; }
    public Staff? Staff { get; set; }
    public int DepartmentId { get; set; }
    public Catalog.Department? Department { get; set; }
}
